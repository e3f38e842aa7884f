"""Context for the event index, event and session pages.

Each function loads everything its template shows in a fixed number of
queries, whatever the number of sessions or speakers: lists are prefetched,
images come with their renditions, and sessions are handed their event so
that `SessionPage.event` never looks up a parent per session.
"""

import datetime
from collections import OrderedDict
from functools import cached_property

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import Http404
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from django.utils.translation import gettext, pgettext
from wagtail.images import get_image_model

from recap.core import page_views
from recap.core.page_cache import serve_shared
from recap.core.params import positive_int
from recap.core.sections import build_sections
from recap.core.structured_data import json_ld_script
from recap.core.translations import annotate_translations, show_translations
from recap.core.versioning import FRAGMENT_TIMEOUT, cached
from recap.resources.views import site_search_url

from ..day_pages import day_pages_from, split_programme
from ..exports import structured_data
from ..following import FILTERS, wanted_filters
from ..programme import filter_sessions, is_running, programme_page
from .recording import recording_context

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


@page_views.register("recap_events.EventIndexPage")
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


def filter_choices(wanted):
    """The programme's "how to follow it" filters as the form shows them."""
    labels = {
        "recorded": pgettext("programme filter", "Recorded"),
        "captions": pgettext("programme filter", "Live captions"),
        "sign_language": pgettext("programme filter", "Sign language"),
        "slides": pgettext("programme filter", "Slides in advance"),
    }
    return [{"value": name, "label": labels[name], "checked": name in wanted} for name in FILTERS]


def programme_page_key(request, page, now):
    """The programme fragment's key: the validated day and part, or, for the
    default page (which follows the clock on a big event), the hour."""
    _view, day, part = programme_address(request, page)
    if day:
        return f"{day}:{part}"
    return f"now:{now:%Y%m%d%H}"


@page_views.register("recap_events.EventPage")
def event_context(request, page, now=None):
    """The event page: programme (grid and list), now and next, gallery,
    resources, its JSON-LD, and the sections of apps above events.

    Everything but "now and next" is lazy (see EventPageData)."""
    now = now or timezone.now()
    data = EventPageData(request, page, now)
    is_on = page.is_on(now)
    wanted = wanted_filters(request)
    page_key = programme_page_key(request, page, now)
    if is_on:
        # The programme marks the sessions under way ("Now on"): its cached
        # fragment is kept per set of them (the sessions are loaded for
        # "now and next" anyway while the event is on).
        running = [str(s.pk) for s in data.sessions if is_running(s, now)]
        page_key += ":on:" + "-".join(running)
    return {
        "event": page,
        "sessions": SimpleLazyObject(lambda: data.sessions),
        "programme_days": SimpleLazyObject(
            lambda: programme_days(filter_sessions(data.sessions, wanted), page.tz)
        ),
        "programme_view": programme_view(request),
        # The "how to follow it" filters (?follow=): validated names, part
        # of the programme fragment's cache key.
        "programme_filters": wanted,
        "programme_filter_key": ",".join(wanted),
        "programme_filter_choices": filter_choices(wanted),
        # A day per page for big events (None: the whole programme on one).
        "programme_day_pages": SimpleLazyObject(lambda: data.day_pages),
        # Which page of a big programme: part of the cached fragments' keys
        # (the default page follows the clock, so it is keyed by the hour).
        "programme_page_key": page_key,
        # While the event is on, the programme marks what is under way.
        "programme_now": now if is_on else None,
        # The page is the same for every reader: the header's "My agenda (n)"
        # is filled in by agenda.js from the reader's own request.
        "agenda_link_deferred": True,
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
        # The hashtag links to the site search (in the reader's language), where there is one.
        "search_url": site_search_url(),
        "json_ld": SimpleLazyObject(lambda: data.json_ld),
        "fragment_timeout": FRAGMENT_TIMEOUT,
    }


@page_views.register("recap_events.SessionPage")
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
        "recording": recording_context(request, page),
    }
    if event is not None:
        document = structured_data.session_document(
            page, event, request, speaker_urls, speaker_links=speaker_links
        )
        context["json_ld"] = json_ld_script(document)
    context["abstract_text"] = strip_tags(page.abstract or "")
    return context


def programme_address(request, page):
    """Which programme the reader asked for, normalised and validated:
    (view, day, part). `view` is "grid", "list" or "auto"; `day` (ISO date,
    or "") and `part` (0 without a day) only for an event whose programme is
    a day per page, and only a real day and part of it: any other ?day= or
    ?part= is a 404. Unknown parameters are ignored. The page's cache keys
    are made from this, never from the query string."""
    view = programme_view(request)
    day = request.GET.get("day")
    if not day:
        return view, "", 0
    pages = cached(f"programme-pages:{page.pk}", lambda: programme_page_index(page))
    if pages is None:  # the whole programme on one page: ?day= means nothing
        return view, "", 0
    part = positive_int(request.GET.get("part", "1"))
    if (day, part) not in pages:
        raise Http404(gettext("The programme has no sessions on that day."))
    return view, day, part


def programme_page_index(page):
    """The (day, part) pairs of an event whose programme is a day per page,
    or None when it is on one page (recap.events.day_pages). Two queries."""
    threshold = day_pages_from()
    published = page.sessions()
    if published[: threshold + 1].count() <= threshold:
        return None
    starts = published.order_by().order_by("start").values_list("start").annotate(n=Count("pk"))
    return [
        (programme.day.isoformat(), programme.part)
        for programme in split_programme(starts, page.tz, threshold)
    ]


def shared_until(page, day, now):
    """Until when the shared page stays right with nothing edited (a
    timestamp), or None: "now and next" changes every minute while the event
    is on and appears when it starts; a big event's default day follows the
    clock by the hour."""
    limits = []
    if page.is_on(now):
        limits.append(now.replace(second=0, microsecond=0) + datetime.timedelta(minutes=1))
    elif now < page.start:
        limits.append(page.start)
    if not day:
        limits.append(now.replace(minute=0, second=0, microsecond=0) + datetime.timedelta(hours=1))
    return min(limits).timestamp() if limits else None


@page_views.register("recap_events.EventPage")
def serve_event_page(request, page):
    """The event page, the same HTML for every anonymous reader (their stars
    and "My agenda (n)" come afterwards from their own small request:
    static/recap_events/agenda.js), so it is kept whole with Django's cache
    (recap.core.page_cache), keyed by the page, the validated programme
    address and, while it changes with the clock, the minute or hour."""
    now = timezone.now()
    view, day, part = programme_address(request, page)  # 404 for a day the event has not
    clock = ""
    if page.is_on(now):
        clock = f"{now:%Y%m%d%H%M}"
    elif not day:
        clock = f"{now:%Y%m%d%H}"
    timeout = FRAGMENT_TIMEOUT
    until = shared_until(page, day, now)
    if until is not None:
        timeout = min(timeout, int(until - now.timestamp()))
    follow = ",".join(wanted_filters(request))
    key = f"event:{page.pk}:{view}:{day}:{part}:{clock}:{follow}"
    return serve_shared(request, key, lambda: page.render(request), timeout)
