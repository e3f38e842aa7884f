"""Context for the event index, event and session pages.

Each function loads everything its template shows in a fixed number of
queries, whatever the number of sessions or speakers: lists are prefetched,
images come with their renditions, and sessions are handed their event so
that `SessionPage.event` never looks up a parent per session.
"""

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext
from wagtail.images import get_image_model

from recap.core.params import positive_int
from recap.core.sections import build_sections
from recap.core.structured_data import json_ld_script

from . import structured_data
from .models import SessionSpeaker

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


def speaker_links_queryset(with_photos=False):
    """SessionSpeaker rows with their speaker (and its photo, when shown)."""
    queryset = SessionSpeaker.objects.select_related("speaker")
    if with_photos:
        queryset = queryset.prefetch_related(
            Prefetch("speaker__photo", queryset=images_with_renditions(SPEAKER_PHOTO_FILTER))
        )
    return queryset


def attach_event(sessions, event):
    """Give each session its event, so `session.event` costs no query."""
    for session in sessions:
        session.__dict__["event"] = event
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


def programme_days(sessions, zone):
    """The programme as days (in the event's zone), each a day-by-room grid.

    Each day has `rooms` (columns, in order of first use) and `rows`: one per
    start time, with a cell per room. Sessions without a room (plenaries,
    breaks) get a row of their own spanning every room."""
    by_day = OrderedDict()
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.start, zone).date(), []).append(session)
    days = []
    for date, day_sessions in by_day.items():
        rooms = list(OrderedDict.fromkeys(s.room for s in day_sessions if s.room))
        by_start = OrderedDict()
        for session in sorted(day_sessions, key=lambda s: (s.start, s.room, s.path)):
            by_start.setdefault(session.start, []).append(session)
        rows = []
        for start, group in by_start.items():
            everyone = [s for s in group if not s.room]
            if everyone:
                rows.append({"start": start, "all_rooms": everyone, "cells": []})
            if any(s.room for s in group):
                cells = [[s for s in group if s.room == room] for room in rooms]
                rows.append({"start": start, "all_rooms": [], "cells": cells})
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
    """Per room, the session on now and the next one, skipping cancelled
    sessions. Rows for sessions without a room are labelled "All rooms"."""
    rooms = OrderedDict()
    for session in sorted(sessions, key=lambda s: s.start):
        if session.is_cancelled:
            continue
        entry = rooms.setdefault(session.room, {"room": session.room, "now": None, "next": None})
        if session.start <= now < session.end:
            entry["now"] = entry["now"] or session
        elif session.start >= now and entry["next"] is None:
            entry["next"] = session
    return [entry for entry in rooms.values() if entry["now"] or entry["next"]]


# An event with more sessions than this shows its programme a day per page.
DEFAULT_DAY_PAGES_FROM = 300


def day_pages_from():
    return getattr(settings, "RECAP_PROGRAMME_DAY_PAGES_FROM", DEFAULT_DAY_PAGES_FROM)


@dataclass
class ProgrammePage:
    """One page of a big programme: a day, or a part of a busy day."""

    day: dt.date
    part: int  # 1-based, within the day
    parts: int  # how many parts the day has
    first: dt.datetime  # its first session's start (the link's label)
    start: dt.datetime  # sessions starting from here...
    end: dt.datetime  # ...until here (excluded)
    current: bool = False

    @property
    def query(self):
        query = f"day={self.day.isoformat()}"
        return f"{query}&part={self.part}" if self.parts > 1 else query


def split_programme(starts, zone, threshold):
    """The pages of a programme from its start times and how many sessions
    start at each ((start, count) in time order): a page per day, and a day
    with more than `threshold` sessions in parts of at most that many (never
    splitting sessions that start together)."""
    by_day = OrderedDict()
    for start, count in starts:
        by_day.setdefault(timezone.localtime(start, zone).date(), []).append((start, count))
    pages = []
    for day, rows in by_day.items():
        blocks, block, size = [], [], 0
        for start, count in rows:
            if block and size + count > threshold:
                blocks.append(block)
                block, size = [], 0
            block.append(start)
            size += count
        blocks.append(block)
        midnight = dt.datetime.combine(day, dt.time.min, tzinfo=zone)
        next_midnight = dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=zone)
        for number, block in enumerate(blocks, start=1):
            pages.append(
                ProgrammePage(
                    day=day,
                    part=number,
                    parts=len(blocks),
                    first=block[0],
                    start=midnight if number == 1 else block[0],
                    end=blocks[number][0] if number < len(blocks) else next_midnight,
                )
            )
    return pages


def chosen_page(pages, request, now, zone):
    """The page asked for (`?day=YYYY-MM-DD&part=N`; 404 when there is no
    such page), else the part of today's programme under way, else the
    first page."""
    asked = request.GET.get("day")
    if asked:
        part = positive_int(request.GET.get("part", "1"))
        for page in pages:
            if page.day.isoformat() == asked and page.part == part:
                return page
        raise Http404(gettext("The programme has no sessions on that day."))
    today = [page for page in pages if page.day == timezone.localtime(now, zone).date()]
    under_way = [page for page in today if page.first <= now]
    return (under_way or today or pages)[-1 if under_way else 0]


def programme_sessions(request, event, prefetch, now):
    """The sessions the event page shows, and its day links (None when the
    whole programme is on one page).

    Up to RECAP_PROGRAMME_DAY_PAGES_FROM sessions, the whole programme, in the
    query that loads it. Beyond that (a 5,000-session congress), a day per
    page (as pretalx's schedule shows one day at a time), and a busy day in
    parts of at most that many sessions, so a page costs the same however big
    the event: one query lists the start times, one loads the page's
    sessions."""
    threshold = day_pages_from()
    published = event.sessions()
    sessions = list(published[: threshold + 1])
    if len(sessions) <= threshold:
        prefetch_related_objects(sessions, prefetch)
        return sessions, None
    zone = event.tz
    starts = published.order_by("start").values_list("start").annotate(count=Count("pk"))
    pages = split_programme(starts, zone, threshold)
    page = chosen_page(pages, request, now, zone)
    page.current = True
    sessions = list(
        published.filter(start__gte=page.start, start__lt=page.end).prefetch_related(prefetch)
    )
    return sessions, {"pages": pages, "current": page}


def speaker_urls_for(request, speaker_links):
    return {link.speaker_id: link.speaker.get_url(request) for link in speaker_links}


def event_context(request, page, now=None):
    """The event page: programme (grid and list), now and next, gallery,
    resources, its JSON-LD, and the sections of apps above events."""
    now = now or timezone.now()
    sessions, programme_day_pages = programme_sessions(
        request, page, Prefetch("speaker_links", queryset=speaker_links_queryset()), now
    )
    attach_event(sessions, page)
    hero = rendition(page.hero_image, HERO_FILTER)
    gallery = list(
        page.gallery_images.all().prefetch_related(
            Prefetch(
                "image", queryset=images_with_renditions(GALLERY_THUMB_FILTER, GALLERY_FULL_FILTER)
            )
        )
    )
    speaker_urls = speaker_urls_for(
        request, [link for session in sessions for link in session.speaker_links.all()]
    )
    document = structured_data.event_document(
        page, sessions, request, speaker_urls, image_url=hero.url if hero else None
    )
    return {
        "event": page,
        "sessions": sessions,
        "programme_days": programme_days(sessions, page.tz),
        "programme_view": "list" if request.GET.get("view") == "list" else "grid",
        # A day per page for big events (None: the whole programme).
        "programme_day_pages": programme_day_pages,
        "is_on": page.is_on(now),
        "now_next": now_and_next(sessions, now) if page.is_on(now) else [],
        "hero": hero,
        "gallery": gallery,
        "resources": [
            link.resource
            for link in page.resource_links.all().select_related(
                "resource", "resource__document", "resource__image"
            )
        ],
        # Write-ups, and anything else apps above events show on the page.
        "recap_sections": build_sections(EVENT_SECTIONS_HOOK, request, page),
        "topics": list(page.topics.all()),
        "hashtag": page.hashtag.lstrip("#"),
        "json_ld": json_ld_script(document),
    }


def session_context(request, page):
    """The session page: its event, speakers with photos, resources, topics,
    the recording, its JSON-LD, and the sections of apps above events."""
    event = page.event
    speaker_links = list(page.speaker_links.all().select_related("speaker"))
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
        "resources": [
            link.resource
            for link in page.resource_links.all().select_related(
                "resource", "resource__document", "resource__image"
            )
        ],
        "topics": list(page.topics.all()),
        # Delegate questions, write-ups, share links... from apps above events.
        "recap_sections": build_sections(SESSION_SECTIONS_HOOK, request, page),
        "recording_title": f"Recording: {page.title}",
    }
    if event is not None:
        document = structured_data.session_document(
            page, event, request, speaker_urls, speaker_links=speaker_links
        )
        context["json_ld"] = json_ld_script(document)
    context["abstract_text"] = page.abstract_text
    return context
