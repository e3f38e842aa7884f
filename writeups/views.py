"""Context for the write-up index and write-up pages, loaded in a fixed
number of queries however many sessions and people a write-up covers."""

from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects

from recap.core import page_views
from recap.core.pages import is_public, private_section_paths
from recap.core.sections import build_sections
from recap.core.structured_data import json_ld_script
from recap.core.translations import show_translations
from recap.core.tree import parent_path
from recap.events.models import SessionResource, attach_sessions_to_events
from recap.events.views.pages import attach_event, rendition
from recap.events.views.recording import recording_context
from recap.resources.models import ResourceKind

from .exports.structured_data import writeup_document
from .models import events_prefetch

SECTIONS_HOOK = "recap_writeup_page_sections"
WRITEUPS_PER_PAGE = 10
HERO_FILTER = "fill-1200x600-c50"


@page_views.register("recap_writeups.WriteUpIndexPage")
def writeup_index_context(request, page):
    """Write-ups, newest first, paginated on ?page=."""
    writeups = page.writeups().select_related("author").prefetch_related(events_prefetch())
    return {"writeups": Paginator(writeups, WRITEUPS_PER_PAGE).get_page(request.GET.get("page"))}


def sessions_with_events(page, events, private_paths=None):
    """The covered sessions the public may see, in the editor's order, each
    with its event (their parents, fetched together unless they are among
    `events`). `private_paths`: the private sections, if already read."""
    if private_paths is None:
        private_paths = private_section_paths()
    sessions = [link.session for link in page.session_links.all().select_related("session")]
    sessions = [s for s in sessions if s is not None and is_public(s, private_paths)]
    by_path = {event.path: event for event in events}
    in_events = [s for s in sessions if parent_path(s) in by_path]
    for session in in_events:
        attach_event([session], by_path[parent_path(session)])
    attach_sessions_to_events([s for s in sessions if s not in in_events])
    return sessions


def covered_slides(sessions):
    """The slides of the covered sessions (those speakers sent and editors
    approved, or editors added), in the sessions' order: one query."""
    if not sessions:
        return []
    order = {session.pk: index for index, session in enumerate(sessions)}
    links = (
        SessionResource.objects.filter(page__in=list(order), resource__kind=ResourceKind.SLIDES)
        .select_related("resource", "resource__document", "resource__image")
        .order_by("sort_order", "pk")
    )
    seen, slides = set(), []
    for link in sorted(links, key=lambda link: order[link.page_id]):
        if link.resource_id not in seen:
            seen.add(link.resource_id)
            slides.append(link.resource)
    return slides


def records_in_body(page):
    """The speakers and resources the body's blocks show (quotes, resource
    cards): the same objects the blocks render, as a StreamField keeps them."""
    records = []
    for block in page.body:
        value = block.value
        if hasattr(value, "values"):
            records += [item for item in value.values() if hasattr(item, "translated_fields")]
    return records


@page_views.register("recap_writeups.WriteUpPage")
def writeup_context(request, page):
    """The write-up page: author, coverage, people featured, resources,
    topics, hero image and JSON-LD."""
    author = page.author
    # Covered pages the public may see: live, outside every private section.
    # Filtered here, not in SQL: a preview's links are in memory.
    private_paths = private_section_paths()
    events = [
        link.event
        for link in page.event_links.all().select_related("event")
        if link.event is not None and is_public(link.event, private_paths)
    ]
    sessions = sessions_with_events(page, events, private_paths)
    prefetch_related_objects(sessions, "chapters")
    speakers = [link.speaker for link in page.speaker_links.all().select_related("speaker")]
    resources = [
        link.resource
        for link in page.resource_links.all().select_related(
            "resource", "resource__document", "resource__image"
        )
    ]
    slides = covered_slides(sessions)
    # The author's, featured speakers', resources' and the body's quoted
    # speakers' and resource cards' text in the reader's language: one query
    # per model for the whole page (none in the default language).
    show_translations([author, *speakers, *resources, *slides, *records_in_body(page)])
    hero = rendition(page.hero_image, HERO_FILTER)
    speaker_urls = {s.pk: s.get_url(request) for s in speakers}
    if author is not None:
        speaker_urls[author.pk] = author.get_url(request)
    document = writeup_document(
        page,
        request,
        events=events,
        sessions=sessions,
        speakers=speakers,
        resources=resources,
        speaker_urls=speaker_urls,
        image_url=hero.url if hero else None,
    )
    return {
        "author": author,
        "events": events,
        "sessions": sessions,
        # The covered sessions' recordings, with chapters and a link to the
        # transcript on the session's page.
        "recordings": [
            recording_context(request, session, with_transcript=False, embed=False)
            for session in sessions
            if session.recording_url
        ],
        "featured_speakers": speakers,
        "resources": resources,
        "session_slides": slides,
        "topics": list(page.topics.all()),
        "hero": hero,
        "json_ld": json_ld_script(document),
        # Reader responses come from recap.questions, which is optional: a
        # section it registers, so this page works without it.
        "recap_sections": build_sections(SECTIONS_HOOK, request, page),
    }
