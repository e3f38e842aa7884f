"""Calendar feeds: which events and sessions go into one calendar (an
event's programme, a session, a speaker's or a topic's sessions, a
delegate's agenda, the upcoming events), the feed's ETag, and the calendar
streamed a chunk of VEVENTs at a time (written by `ical`), so a
10,000-session programme never sits in memory whole. Sessions are read as
plain rows, not Page instances, for the same reason.
"""

import hashlib
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Max, Q, Value
from django.db.models.functions import Coalesce, Length, Substr
from django.utils.translation import get_language, gettext
from wagtail.models import Page

from recap.core.translations import one_per_translation, shared_across_translations

from ..models import EventPage, EventTopic, SessionPage, SessionSpeaker, SessionTopic
from .ical import (
    EventParts,
    calendar_head,
    event_vevent,
    modified_at,
    multi_line_text,
    session_vevent,
)

# Changing the output format changes every ETag.
FORMAT_VERSION = "1"
# Sessions are written a chunk at a time: one write to the client per chunk.
CHUNK_SIZE = 500


@dataclass
class Feed:
    """What goes into one calendar: the events (loaded, few) and a queryset
    of sessions (streamed, possibly many), or the events alone."""

    name: str
    events: list
    sessions: object = None  # a SessionPage queryset, or None for events only
    extra_etag: tuple = field(default_factory=tuple)

    @property
    def zone_names(self):
        return {event.time_zone for event in self.events}

    def date_range(self):
        if not self.events:
            return None, None
        return min(e.start for e in self.events), max(e.end for e in self.events)


SESSION_FIELDS = (
    "id",
    "path",
    "slug",
    "title",
    "kind",
    "start",
    "end",
    "room_name",  # annotated: the room's name
    "status",
    "abstract_text",
    "calendar_uid",
    "sequence",
    "published",  # annotated: last_published_at, else first_published_at
)


def _published_sessions():
    return SessionPage.objects.live().public()


def events_of(sessions):
    """The live events that hold `sessions` (one query)."""
    parent_paths = sessions.annotate(
        parent_path=Substr("path", 1, Length("path") - Page.steplen)
    ).values("parent_path")
    return list(EventPage.objects.live().public().filter(path__in=parent_paths).order_by("pk"))


def programme_feed(event):
    """One event's programme."""
    return Feed(name=event.title, events=[event], sessions=_published_sessions().child_of(event))


def session_feed(session):
    """One session (the download on its page)."""
    event = session.event
    return Feed(
        name=session.title,
        events=[event] if event else [],
        sessions=SessionPage.objects.filter(pk=session.pk),
    )


def speaker_feed(speaker):
    """A speaker's sessions across every event (one per translation, in the
    reader's language)."""
    sessions = (
        one_per_translation(_published_sessions()).filter(speaker_links__speaker=speaker).distinct()
    )
    return Feed(name=speaker.name, events=events_of(sessions), sessions=sessions)


def topic_feed(topic):
    """Sessions on a topic, and every session of events on that topic (one
    per translation, in the reader's language)."""
    event_paths = EventPage.objects.live().filter(tagged_topics__tag=topic).values("path")
    sessions = (
        one_per_translation(_published_sessions())
        .annotate(parent_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(Q(tagged_topics__tag=topic) | Q(parent_path__in=event_paths))
        .distinct()
    )
    return Feed(name=topic.name, events=events_of(sessions), sessions=sessions)


def agenda_feed(agenda):
    """A delegate's starred sessions."""
    sessions = _published_sessions().filter(pk__in=agenda.items.values("session_id"))
    return Feed(
        name=gettext("My agenda"),
        events=events_of(sessions),
        sessions=sessions,
        extra_etag=(agenda.updated_at.isoformat(),),
    )


def upcoming_feed(index_page, now=None):
    """Every upcoming event of the site, one VEVENT per event (the programmes
    have their own feeds: a site-wide calendar of every talk would bury the
    events themselves)."""
    events = list(
        index_page.upcoming_events(now)
        .annotate(shared_uid=shared_across_translations(EventPage, "calendar_uid"))
        .order_by("pk")
    )
    for event in events:  # one UID for an event and its translations
        event.calendar_uid = event.shared_uid
    title = index_page.title
    return Feed(name=title, events=events, sessions=None)


def feed_fingerprint(feed, site_root=""):
    """(ETag, Last-Modified) of a feed, from a few aggregate queries, so a
    client polling an unchanged feed gets a 304 without the feed being built.

    Publishing a session or event changes its last_published_at; renaming a
    speaker changes their updated_at; adding or removing sessions changes the
    count. (Renaming a topic does not change the ETag until something in the
    feed is published again.)"""
    # The language: a feed's words (and its pages' addresses) follow it.
    parts = [FORMAT_VERSION, site_root, get_language(), feed.name, *feed.extra_etag]
    stamps = []
    for event in feed.events:
        parts.append((event.pk, event.last_published_at, event.sequence, event.url_path))
        stamps.append(modified_at(event))
    if feed.sessions is not None:
        ids = feed.sessions.values("pk")
        summary = SessionPage.objects.filter(pk__in=ids).aggregate(
            count=Count("pk"), published=Max("last_published_at"), sequence=Max("sequence")
        )
        speakers = SessionSpeaker.objects.filter(page__in=ids).aggregate(
            count=Count("pk"), updated=Max("speaker__updated_at")
        )
        parts += [sorted(summary.items()), sorted(speakers.items())]
        stamps += [summary["published"], speakers["updated"]]
    stamps = [stamp for stamp in stamps if stamp]
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:40]
    return f'"{digest}"', max(stamps) if stamps else None


def _grouped(rows):
    """Rows (key, value...) ordered by key, as an iterator of (key, [values])."""
    current, values = None, []
    for key, *value in rows:
        if key != current and values:
            yield current, values
            values = []
        current = key
        values.append(tuple(value) if len(value) > 1 else value[0])
    if values:
        yield current, values


def _attach(rows, groups):
    """Rows (session, ...) in session pk order, each with its group from
    `groups` (pk, [values]) in the same order appended (empty when none)."""
    groups = iter(groups)
    pending = next(groups, None)
    for row in rows:
        pk = row[0].id
        while pending is not None and pending[0] < pk:
            pending = next(groups, None)
        yield (*row, pending[1] if pending is not None and pending[0] == pk else [])


def _chunks(iterable, size):
    chunk = []
    for item in iterable:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def stream_feed(feed, event_urls):
    """The calendar as an iterator of bytes.

    `event_urls` maps event pk to the event page's absolute URL; a session's
    URL is its event's plus its slug (sessions are the event's children).

    Three streamed queries whatever the number of sessions: the sessions,
    their speakers and their topics, each in pk order and merged here, so
    memory stays flat and no query runs per session."""
    first, last = feed.date_range()
    zone_names = feed.zone_names
    # Clients show the calendar in X-WR-TIMEZONE: the events' zone when they
    # share one, else the site's (every time still carries its own TZID).
    default_zone = next(iter(zone_names)) if len(zone_names) == 1 else settings.TIME_ZONE
    yield calendar_head(feed.name, zone_names, first, last, default_zone)
    if feed.sessions is None:
        yield from _stream_events(feed.events, event_urls)
    else:
        yield from _stream_sessions(feed, event_urls)
    yield b"END:VCALENDAR\r\n"


def _stream_events(events, event_urls):
    ids = [event.pk for event in events]
    topics = dict(
        _grouped(
            EventTopic.objects.filter(content_object_id__in=ids)
            .order_by("content_object_id", "tag__name")
            .values_list("content_object_id", "tag__name")
        )
    )
    for event in events:
        yield event_vevent(event, event_urls[event.pk], topics.get(event.pk, []))


def _stream_sessions(feed, event_urls):
    parts_by_path = {
        event.path: EventParts.of(event, event_urls[event.pk]) for event in feed.events
    }
    ids = feed.sessions.values("pk")
    # Plain rows, not page instances: building 10,000 Page objects would
    # cost more than writing the calendar.
    sessions = (
        SessionPage.objects.filter(pk__in=ids)
        .annotate(
            room_name=Coalesce("room__name", Value("")),
            published=Coalesce("last_published_at", "first_published_at"),
            shared_uid=shared_across_translations(SessionPage, "calendar_uid"),
        )
        .order_by("pk")
        .values_list(*SESSION_FIELDS, "shared_uid", named=True)
        .iterator()
    )
    speakers = _grouped(
        SessionSpeaker.objects.filter(page__in=ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "speaker__name", "role")
        .iterator()
    )
    topics = _grouped(
        SessionTopic.objects.filter(content_object__in=ids)
        .order_by("content_object_id", "tag__name")
        .values_list("content_object_id", "tag__name")
        .iterator()
    )
    rows = _attach(_attach(((session,) for session in sessions), speakers), topics)
    for chunk in _chunks(rows, CHUNK_SIZE):
        out = []
        for session, names, topic_names in chunk:
            parts = parts_by_path.get(session.path[: -Page.steplen])
            if parts is None:  # its event is not published
                continue
            # The abstract was cleaned when it was saved (abstract_text).
            text = multi_line_text(session.abstract_text)
            # A translation has its original's UID: one event in a calendar.
            session = session._replace(calendar_uid=session.shared_uid)
            out.append(session_vevent(session, parts, names, topic_names, text))
        yield b"".join(out)
