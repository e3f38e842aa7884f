"""Factories for the test suite (factory_boy), including Wagtail pages,
which are created as children of a parent page in the tree."""

import datetime as dt
import zoneinfo

import factory
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Site

from recap.events.models import (
    EventIndexPage,
    EventPage,
    EventRoom,
    SessionPage,
    SessionSpeaker,
    room_name_key,
)
from recap.resources.models import Resource, ResourceKind, Topic
from recap.speakers.models import Speaker, SpeakerIndexPage
from recap.writeups.models import WriteUpEvent, WriteUpIndexPage, WriteUpPage

LONDON = zoneinfo.ZoneInfo("Europe/London")


class PageFactory(factory.django.DjangoModelFactory):
    """Creates a live page under `parent` (default: the site's root page).

    By default the page is made live directly, without a revision, a publish
    log or Wagtail's publish signals: a fraction of the work, and most tests
    only need the page to exist. `revision=True` saves a revision and
    publishes it through Wagtail, as an editor's publish does: for tests where
    the publish itself (its signals, its revision) is what they look at."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))

    @classmethod
    def _create(cls, model_class, *args, parent=None, revision=False, **kwargs):
        parent = parent or site_root()
        page = model_class(*args, **kwargs)
        if not revision:
            page.live = True
            page.first_published_at = page.last_published_at = timezone.now()
            return parent.add_child(instance=page)
        parent.add_child(instance=page)
        page.save_revision().publish()
        page.refresh_from_db()
        return page


def site_root():
    """The default site's root page (Wagtail's initial migration makes one;
    every test starts with it, see tests/conftest.py)."""
    return Site.objects.get(is_default_site=True).root_page.specific


class SpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Speaker

    name = factory.Sequence(lambda n: f"Speaker Number{n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    job_title = "Head of Communications"
    organisation = factory.Sequence(lambda n: f"Organisation {n % 7}")


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resource

    title = factory.Sequence(lambda n: f"Resource {n}")
    kind = ResourceKind.ARTICLE
    url = factory.Sequence(lambda n: f"https://example.org/articles/{n}")
    publisher = "Example Analysts"


class EventIndexPageFactory(PageFactory):
    class Meta:
        model = EventIndexPage

    title = "Events"
    slug = "events"


class EventPageFactory(PageFactory):
    class Meta:
        model = EventPage

    title = factory.Sequence(lambda n: f"Conference {n}")
    time_zone = "Europe/London"
    # A day in a month, 09:00 to 18:00 in London: never across midnight,
    # whatever the hour the tests run at (a one-day event must have one day).
    start = factory.LazyFunction(
        lambda: (
            (timezone.now() + dt.timedelta(days=30))
            .astimezone(LONDON)
            .replace(hour=9, minute=0, second=0, microsecond=0)
        )
    )
    end = factory.LazyAttribute(lambda o: o.start + dt.timedelta(hours=9))
    venue_name = "Riverside Hall"
    city = "London"
    country = "United Kingdom"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or EventIndexPage.objects.first() or EventIndexPageFactory()
        return super()._create(model_class, *args, parent=parent, **kwargs)


def event_room(event, name):
    """The event's room of that name (any case), made if it has none."""
    name, key = room_name_key(name)
    rooms = list(EventRoom.objects.filter(page_id=event.pk))
    for room in rooms:
        if room_name_key(room.name)[1] == key:
            return room
    return EventRoom.objects.create(page_id=event.pk, name=name, sort_order=len(rooms))


class SessionPageFactory(PageFactory):
    """A session; `room` may be a name ("Hall A"): the event's room of that
    name, made if needed ("" or None: no room)."""

    class Meta:
        model = SessionPage

    title = factory.Sequence(lambda n: f"Session {n}")
    kind = "talk"
    room = "Main hall"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        parent = parent or EventPageFactory()
        if isinstance(kwargs.get("room"), str):
            kwargs["room"] = event_room(parent, kwargs["room"]) if kwargs["room"] else None
        kwargs.setdefault("start", parent.start + dt.timedelta(hours=1))
        kwargs.setdefault("end", kwargs["start"] + dt.timedelta(minutes=45))
        return super()._create(model_class, *args, parent=parent, **kwargs)


def add_speaker(session, speaker, role="speaker"):
    """Put a speaker on a session (the page's published state is unchanged)."""
    return SessionSpeaker.objects.create(page=session, speaker=speaker, role=role)


class SpeakerIndexPageFactory(PageFactory):
    class Meta:
        model = SpeakerIndexPage

    title = "Speakers"
    slug = "speakers"


class WriteUpIndexPageFactory(PageFactory):
    class Meta:
        model = WriteUpIndexPage

    title = "Write-ups"
    slug = "write-ups"


class WriteUpPageFactory(PageFactory):
    class Meta:
        model = WriteUpPage

    title = factory.Sequence(lambda n: f"What we learned {n}")

    @classmethod
    def _create(cls, model_class, *args, parent=None, event=None, events=(), **kwargs):
        """`event=` or `events=[...]`: the events it covers (event_links)."""
        parent = parent or WriteUpIndexPage.objects.first() or WriteUpIndexPageFactory()
        events = [event, *events] if event is not None else list(events)
        if events:
            # In the editor's order, as the admin's InlinePanel numbers them
            # (without a sort_order, PostgreSQL may return them in any order).
            kwargs["event_links"] = [
                WriteUpEvent(event=covered, sort_order=number)
                for number, covered in enumerate(events)
            ]
        return super()._create(model_class, *args, parent=parent, **kwargs)


def make_image(title="A photo", width=640, height=480, colour=(40, 90, 160)):
    """A Wagtail image with a small generated PNG (no files from the internet)."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), colour).save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{slugify(title) or 'image'}.png")
    )
