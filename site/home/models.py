"""The reference site's home page: what is on next, and the latest write-ups."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from recap.core.translations import one_per_translation
from recap.events.models import EventPage
from recap.writeups.models import WriteUpPage


class HomePage(Page):
    intro = RichTextField(_("introduction"), features=["bold", "italic", "link"], blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    max_count = 1
    parent_page_types = ["wagtailcore.Page"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        # One entry per event and write-up, in the reader's language where it
        # is translated, else in its own (the section pages list the same).
        events = one_per_translation(EventPage.objects.live().public())
        # Evaluated here (four rows at most) so the template reuses the rows.
        upcoming = list(events.filter(end__gte=now).order_by("start")[:4])
        context["upcoming_events"] = upcoming
        context["on_now"] = [event for event in upcoming if event.start <= now]
        context["past_events"] = events.filter(end__lt=now).order_by("-start")[:4]
        context["latest_writeups"] = one_per_translation(
            WriteUpPage.objects.live().public().select_related("author")
        ).order_by("-date", "-pk")[:4]
        return context
