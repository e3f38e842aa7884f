"""The speaker directory: A-Z, filterable by organisation, topic and event.

Speakers is the lowest Recap app, so it reaches sessions, their topics and
their events only through reverse relations (``session_links__page__...``)
and Wagtail's page tree, never by importing events or resources.
"""

import string

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.db.models.functions import Left, Upper
from django.template.response import TemplateResponse
from wagtail.images import get_image_model
from wagtail.models import Page

from recap.core import params
from recap.core.links import absolute
from recap.core.structured_data import json_ld_script

from .models import Speaker

SPEAKERS_PER_PAGE = 24
PHOTO_FILTER = "fill-160x160-c50"
LETTERS = list(string.ascii_uppercase) + ["#"]
# Sessions a reader can see: a speaker counts under a topic or an event only
# through published sessions.
LIVE_SESSION = Q(session_links__page__live=True)


def filter_speakers(speakers, *, letter="", organisation="", topic="", event=None):
    """Narrow a Speaker queryset by the directory's filters (each optional)."""
    if letter == "#":
        speakers = speakers.exclude(sort_name__regex=r"^[A-Za-z]")
    elif letter:
        speakers = speakers.filter(sort_name__istartswith=letter)
    if organisation:
        speakers = speakers.filter(organisation=organisation)
    if topic:
        speakers = speakers.filter(
            LIVE_SESSION, session_links__page__tagged_topics__tag__slug=topic
        )
    if event is not None:
        speakers = speakers.filter(
            LIVE_SESSION,
            session_links__page__path__startswith=event.path,
            session_links__page__depth=event.depth + 1,
        )
    return speakers.distinct()


def event_choices():
    """(id, title) of the published events that have speakers, by title.

    An event is the parent page of a session, found from the sessions'
    tree paths (the events app is not imported here)."""
    paths = (
        Speaker.objects.filter(LIVE_SESSION)
        .values_list("session_links__page__path", flat=True)
        .distinct()
    )
    parent_paths = {path[: -Page.steplen] for path in paths if path}
    return list(
        Page.objects.live()
        .public()
        .filter(path__in=parent_paths)
        .order_by("title")
        .values_list("pk", "title")
    )


def topic_choices():
    """(slug, name) of the topics of published sessions that have speakers."""
    return list(
        Speaker.objects.filter(LIVE_SESSION, session_links__page__tagged_topics__isnull=False)
        .values_list(
            "session_links__page__tagged_topics__tag__slug",
            "session_links__page__tagged_topics__tag__name",
        )
        .distinct()
        .order_by("session_links__page__tagged_topics__tag__name")
    )


def organisation_choices():
    return list(
        Speaker.objects.exclude(organisation="")
        .order_by("organisation")
        .values_list("organisation", flat=True)
        .distinct()
    )


def letters_in_use(speakers):
    """The directory letters that have at least one speaker in `speakers`."""
    firsts = (
        speakers.order_by()
        .annotate(first=Upper(Left("sort_name", 1)))
        .values_list("first", flat=True)
        .distinct()
    )
    return {first if first in string.ascii_uppercase else "#" for first in firsts if first}


def item_list(speakers, request, first_position=1):
    """schema.org ItemList of the speakers on this page of the directory."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": first_position + n,
                "url": absolute(request, speaker.get_url(request)),
                "name": speaker.name,
            }
            for n, speaker in enumerate(speakers)
        ],
    }


def directory_context(request, page):
    """Everything the directory template shows, in a fixed number of queries."""
    letter = request.GET.get("letter", "").strip().upper()[:1]
    if letter and letter not in LETTERS:
        letter = ""
    organisation = params.text(request.GET.get("organisation"), max_length=200)
    topic = params.text(request.GET.get("topic"), max_length=100)
    event = None
    event_id = params.positive_int(request.GET.get("event"))
    if event_id is not None:
        event = Page.objects.live().public().filter(pk=event_id).first()

    filtered = filter_speakers(
        Speaker.objects.all(), organisation=organisation, topic=topic, event=event
    )
    in_use = letters_in_use(filtered)
    speakers = (
        filter_speakers(filtered, letter=letter)
        .annotate(session_count=Count("session_links", filter=LIVE_SESSION, distinct=True))
        .prefetch_related(
            Prefetch("photo", queryset=get_image_model().objects.prefetch_renditions(PHOTO_FILTER))
        )
        .order_by("sort_name", "name", "pk")
    )
    page_of_speakers = Paginator(speakers, SPEAKERS_PER_PAGE).get_page(request.GET.get("page"))

    query = request.GET.copy()
    query.pop("page", None)
    letter_query = query.copy()
    letter_query.pop("letter", None)
    return {
        "page": page,
        "self": page,
        "speakers": page_of_speakers,
        "letters": [(each, each in in_use) for each in LETTERS],
        "letter": letter,
        "letter_query": letter_query.urlencode(),
        "filter_query": query.urlencode(),
        "organisation": organisation,
        "topic": topic,
        "event": event,
        "organisations": organisation_choices(),
        "topics": topic_choices(),
        "events": event_choices(),
        "is_filtered": bool(letter or organisation or topic or event),
        "item_list_json_ld": json_ld_script(
            item_list(page_of_speakers, request, page_of_speakers.start_index() or 1)
        ),
        "photo_filter": PHOTO_FILTER,
    }


def directory_view(request, page):
    """The speaker directory page (the SpeakerIndexPage's own address)."""
    return TemplateResponse(
        request, "recap_speakers/speaker_index_page.html", directory_context(request, page)
    )
