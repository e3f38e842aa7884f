"""manage.py speaker_links EVENT_SLUG: each speaker's link, one line each."""

from django.core.management.base import BaseCommand, CommandError

from recap.events.models import EventPage

from ...links import event_speakers, issue_link, link_url


class Command(BaseCommand):
    help = (
        "Print the signed link of every speaker of an event (name, a tab, the "
        "absolute URL), making the links that do not exist yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_slug")

    def handle(self, *args, event_slug, **options):
        events = list(EventPage.objects.filter(slug=event_slug)[:2])
        if not events:
            raise CommandError(f"No event with the slug {event_slug!r}.")
        if len(events) > 1:
            raise CommandError(f"Several events have the slug {event_slug!r}.")
        event = events[0]
        for speaker in event_speakers(event):
            link = issue_link(speaker, event)
            link.event = event
            self.stdout.write(f"{speaker.name}\t{link_url(link)}")
