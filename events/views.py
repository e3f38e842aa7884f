"""Context for the event index, event and session pages.

Each function loads everything its template shows in a fixed number of
queries, whatever the number of sessions or speakers: lists are prefetched,
images come with their renditions, and sessions are handed their event so
that `SessionPage.event` never looks up a parent per session.
"""

import datetime
import hashlib
import re
from collections import OrderedDict
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.translation import get_language, gettext
from wagtail.images import get_image_model

from recap.core.sections import build_sections
from recap.core.structured_data import json_ld_script
from recap.core.translations import annotate_translations, show_translations
from recap.core.versioning import FRAGMENT_TIMEOUT, content_version

from . import structured_data
from .programme import programme_page

# Extension points (recap.core.sections): apps above events (questions,
# write-ups) and host sites add parts to these pages through Wagtail hooks,
# since events may not reach up to them. Hooks, not moving the pages up: they
# are EventPage and SessionPage, page models of this app.
EVENT_SECTIONS_HOOK = "recap_event_page_sections"
SESSION_SECTIONS_HOOK = "recap_session_page_sections"
EVENTS_PER_PAGE = 12
HERO_FILTER = "fill-1200x500-c50"
GALLERY_THUMB_FILTER = "fill-480x320-c50"
GALLERY_FULL_FILTER = "max-1600x1200"
SPEAKER_PHOTO_FILTER = "fill-160x160-c50"


def images_with_renditions(*filters):
    """An image queryset that brings the renditions `filters` need along."""
    return get_image_model().objects.prefetch_renditions(*filters)


def attach_event(sessions, event):
    """Give each session its event, so `session.event` costs no query."""
    for session in sessions:
        session.event = event
    return sessions


def rendition(image, filter_spec):
    return image.get_rendition(filter_spec) if image else None


def paginate(request, items, parameter, per_page=EVENTS_PER_PAGE):
    return Paginator(items, per_page).get_page(request.GET.get(parameter))


def event_index_context(request, page, now=None):
    """Upcoming events (soonest first) and past events (latest first), each
    paginated on its own query parameter."""
    now = now or timezone.now()
    return {
        "upcoming_events": paginate(request, page.upcoming_events(now), "upcoming"),
        "past_events": paginate(request, page.past_events(now), "past"),
        "now": now,
    }


def room_order(session):
    """Where a session's room comes in the event's rooms (no room first)."""
    room = session.room
    return (-1, "") if room is None else (room.sort_order or 0, room.name)


def programme_days(sessions, zone):
    """The programme as days (in the event's zone), each a day-by-room grid.

    Each day has `rooms` (columns: the rooms used that day, in the event's
    order of rooms) and `rows`: one per start time, with a cell per room.
    Sessions without a room (plenaries, breaks) get a row of their own
    spanning every room."""
    by_day = OrderedDict()
    for session in sessions:
        by_day.setdefault(session.start.astimezone(zone).date(), []).append(session)
    days = []
    for date, day_sessions in by_day.items():
        used = {s.room_id: s.room for s in day_sessions if s.room_id}
        rooms = sorted(used.values(), key=lambda room: (room.sort_order or 0, room.name))
        by_start = OrderedDict()
        for session in sorted(day_sessions, key=lambda s: (s.start, room_order(s), s.path)):
            by_start.setdefault(session.start, []).append(session)
        rows = []
        for start, group in by_start.items():
            local = start.astimezone(zone)
            row_time = {"start": start, "start_hm": f"{local:%H:%M}"}
            everyone = [s for s in group if not s.room_id]
            if everyone:
                rows.append({**row_time, "all_rooms": everyone, "cells": []})
            if any(s.room_id for s in group):
                cells = [[s for s in group if s.room_id == room.pk] for room in rooms]
                rows.append({**row_time, "all_rooms": [], "cells": cells})
        days.append(
            {
                "date": date,
                "rooms": rooms,
                "column_count": max(1, len(rooms)),
                "rows": rows,
                "sessions": day_sessions,
                "anchor": f"day-{date.isoformat()}",
            }
        )
    return days


def now_and_next(sessions, now):
    """Per room, every session on now (two may overlap in one room: a
    workshop running into the next slot) and the next one, skipping cancelled
    sessions. Rows for sessions without a room are labelled "All rooms"."""
    rooms = OrderedDict()
    for session in sorted(sessions, key=lambda s: s.start):
        if session.is_cancelled:
            continue
        entry = rooms.setdefault(session.room_id, {"room": session.room, "now": [], "next": None})
        if session.start <= now < session.end:
            entry["now"].append(session)
        elif session.start >= now and entry["next"] is None:
            entry["next"] = session
    return [entry for entry in rooms.values() if entry["now"] or entry["next"]]


def translated_resources(page):
    """The page's resources, their title and note in the reader's language
    (in the same query)."""
    links = page.resource_links.all().select_related(
        "resource", "resource__document", "resource__image"
    )
    links = show_translations(list(annotate_translations(links, through="resource")), "resource")
    return [link.resource for link in links]


def speaker_urls_for(request, speaker_links):
    return {link.speaker_id: link.speaker.get_url(request) for link in speaker_links}


PROGRAMME_VIEWS = ("grid", "list")


def programme_view(request):
    """ "grid" or "list" when the reader chose one (?view=), else "auto": the
    grid's markup, which the stylesheet lays out as a list below tablet width
    (issue 11: a phone gets the list by default, no JavaScript needed)."""
    view = request.GET.get("view")
    return view if view in PROGRAMME_VIEWS else "auto"


class EventPageData:
    """What the event page shows, each part loaded on first use.

    The page's template caches its fragments (keyed by the content version,
    recap.core.versioning); on a hit the template never reads these, so a
    cached programme costs no query and no Python work per session."""

    def __init__(self, request, page, now=None):
        self.request = request
        self.page = page
        self.now = now

    @cached_property
    def programme(self):
        return programme_page(self.page, self.request, self.now)

    @cached_property
    def sessions(self):
        return self.programme[0]

    @cached_property
    def day_pages(self):
        return self.programme[1]

    @cached_property
    def hero(self):
        return rendition(self.page.hero_image, HERO_FILTER)

    @cached_property
    def gallery(self):
        return list(
            self.page.gallery_images.all().prefetch_related(
                Prefetch(
                    "image",
                    queryset=images_with_renditions(GALLERY_THUMB_FILTER, GALLERY_FULL_FILTER),
                )
            )
        )

    @cached_property
    def resources(self):
        return translated_resources(self.page)

    @cached_property
    def json_ld(self):
        hero = self.hero
        document = structured_data.event_document(
            self.page, self.sessions, self.request, image_url=hero.url if hero else None
        )
        return json_ld_script(document)


def programme_page_key(request, now):
    day, part = request.GET.get("day", ""), request.GET.get("part", "")
    if day:
        return f"{day[:10]}:{part[:4]}"
    return f"now:{now:%Y%m%d%H}"


def event_context(request, page, now=None):
    """The event page: programme (grid and list), now and next, gallery,
    resources, its JSON-LD, and the sections of apps above events.

    Everything but "now and next" is lazy (see EventPageData)."""
    now = now or timezone.now()
    data = EventPageData(request, page, now)
    is_on = page.is_on(now)
    return {
        "event": page,
        "sessions": SimpleLazyObject(lambda: data.sessions),
        "programme_days": SimpleLazyObject(lambda: programme_days(data.sessions, page.tz)),
        "programme_view": programme_view(request),
        # A day per page for big events (None: the whole programme on one).
        "programme_day_pages": SimpleLazyObject(lambda: data.day_pages),
        # Which page of a big programme: part of the cached fragments' keys
        # (the default page follows the clock, so it is keyed by the hour).
        "programme_page_key": programme_page_key(request, now),
        "is_on": is_on,
        "now_next": now_and_next(data.sessions, now) if is_on else [],
        "hero": SimpleLazyObject(lambda: data.hero),
        "gallery": SimpleLazyObject(lambda: data.gallery),
        "resources": SimpleLazyObject(lambda: data.resources),
        # Write-ups, and anything else apps above events show on the page.
        "recap_sections": SimpleLazyObject(
            lambda: build_sections(EVENT_SECTIONS_HOOK, request, page)
        ),
        "topics": SimpleLazyObject(lambda: list(page.topics.all())),
        "hashtag": page.hashtag.lstrip("#"),
        "json_ld": SimpleLazyObject(lambda: data.json_ld),
        "fragment_timeout": FRAGMENT_TIMEOUT,
    }


def session_context(request, page):
    """The session page: its event, speakers with photos, resources, topics,
    the recording, its JSON-LD, and the sections of apps above events."""
    event = page.event
    # Their job titles in the reader's language come in the same query.
    speaker_links = show_translations(
        list(
            annotate_translations(
                page.speaker_links.all().select_related("speaker"),
                through="speaker",
                fields=["job_title"],
            )
        ),
        through="speaker",
    )
    # Photos with their renditions, in one query for every speaker.
    photo_ids = {link.speaker.photo_id for link in speaker_links if link.speaker.photo_id}
    photos = images_with_renditions(SPEAKER_PHOTO_FILTER).in_bulk(photo_ids) if photo_ids else {}
    speakers = [
        {
            "speaker": link.speaker,
            "role": link.get_role_display(),
            "photo": rendition(photos.get(link.speaker.photo_id), SPEAKER_PHOTO_FILTER),
        }
        for link in speaker_links
    ]
    speaker_urls = speaker_urls_for(request, speaker_links)
    context = {
        "event": event,
        "speakers": speakers,
        "resources": translated_resources(page),
        "topics": list(page.topics.all()),
        # Delegate questions, write-ups, share links... from apps above events.
        "recap_sections": build_sections(SESSION_SECTIONS_HOOK, request, page),
        "recording_title": gettext("Recording: %(title)s") % {"title": page.title},
    }
    if event is not None:
        document = structured_data.session_document(
            page, event, request, speaker_urls, speaker_links=speaker_links
        )
        context["json_ld"] = json_ld_script(document)
    context["abstract_text"] = strip_tags(page.abstract or "")
    return context


EVENT_PAGE_FINISHER = "recap_events.event_page"
# The query parameters the event page answers to, and the values it knows:
# only these addresses are kept whole in the cache (anything else, say
# ?utm_source= or ?day=<random>, would only fill it).
EVENT_PAGE_PARAMETERS = {
    "view": re.compile(r"grid|list").fullmatch,
    "day": re.compile(r"\d{4}-\d{2}-\d{2}").fullmatch,
    "part": re.compile(r"[1-9]\d?").fullmatch,
}


def known_address(request):
    """True when the query string holds only parameters the page uses, each
    once and with a value it knows."""
    for name, values in request.GET.lists():
        check = EVENT_PAGE_PARAMETERS.get(name)
        if check is None or len(values) != 1 or not check(values[0]):
            return False
    return True


def shared_etag(request, page, now, version):
    """The ETag of the page every anonymous reader of this address shares, or
    None when this request must get a fresh page and no 304 (a preview, a
    logged-in editor, a reader who passed a password, a message waiting).

    The content version, the address and the language name what is shown;
    while the event is on, "now and next" changes every minute."""
    from recap.core.page_cache import shareable_request

    if not shareable_request(request):
        return None
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):
        return None
    parts = [
        version,
        request.scheme,
        request.get_host(),
        request.get_full_path(),
        get_language() or "",
        now.strftime("%Y%m%d%H%M") if page.is_on(now) else "",
    ]
    return _etag("|".join(parts))


def _etag(text):
    return '"' + hashlib.md5(text.encode(), usedforsecurity=False).hexdigest() + '"'


def reader_etag(request, shared):
    """This reader's ETag: the shared one, with their stars and the header's
    count when they have an agenda."""
    from .agenda import COOKIE_NAME, COUNT_COOKIE_NAME, starred_count, starred_session_ids

    if shared is None:
        return None
    if COOKIE_NAME not in request.COOKIES and COUNT_COOKIE_NAME not in request.COOKIES:
        return shared
    stars = ",".join(map(str, sorted(starred_session_ids(request))))
    return _etag(f"{shared}|{starred_count(request)}|{stars}")


def not_modified(request, etag):
    """A 304 when the reader's copy has this ETag, else None."""
    if etag is None:
        return None
    response = get_conditional_response(request, etag=etag, response=HttpResponse())
    return response if response.status_code == 304 else None


def shared_until(page, request, now):
    """Until when the shared page stays right with nothing edited (a
    timestamp), or None: "now and next" changes every minute while the event
    is on and appears when it starts; a big event's default day follows the
    clock by the hour."""
    limits = []
    if page.is_on(now):
        limits.append(now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1))
    elif now < page.start:
        limits.append(page.start)
    if "day" not in request.GET:
        limits.append(now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1))
    return min(limits).timestamp() if limits else None


def finish_event_page(request, response, etag):
    """What every reader gets, from the cache or freshly rendered: a 304 when
    their copy is current, else the page with their stars, confirmations and
    header link, and headers that keep it out of shared caches."""
    from .agenda import personalise_response, starred_count
    from .templatetags.recap_calendar_tags import AGENDA_LINK_PLACEHOLDER, agenda_link_html

    etag = reader_etag(request, etag)
    unchanged = not_modified(request, etag)
    if unchanged is not None:
        return unchanged
    response = personalise_response(request, response)
    count = starred_count(request)
    if count and response.get("Content-Type", "").startswith("text/html"):
        # A page kept whole was rendered for no one: this reader's header link.
        placeholder = AGENDA_LINK_PLACEHOLDER.encode()
        if placeholder in response.content:
            link = agenda_link_html(count).encode()
            response.content = response.content.replace(placeholder, link, 1)
    if etag is not None:
        response["ETag"] = etag
    # Readers revalidate (the stars and the header are theirs): never kept
    # by a shared cache, cheap to confirm with the ETag.
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def serve_event_page(request, page):
    """The event page: 304 when the reader's copy is current, else the page
    (cached fragments), kept whole for the next anonymous reader
    (recap.core.page_cache) and then marked with this reader's stars."""
    from recap.core.page_cache import store

    from .agenda import starred_count

    now = timezone.now()
    version = content_version()  # before rendering: see page_cache.store()
    etag = shared_etag(request, page, now, version)
    unchanged = not_modified(request, reader_etag(request, etag))
    if unchanged is not None:
        return unchanged
    response = page.render(request)
    if (
        etag is not None
        and not starred_count(request)  # the header was rendered without "My agenda (n)"
        and known_address(request)
    ):
        store(
            request,
            response,
            EVENT_PAGE_FINISHER,
            etag,
            expires_at=shared_until(page, request, now),
            version=version,
        )
    return finish_event_page(request, response, etag)
