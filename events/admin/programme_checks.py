"""Programme checks: what an editor should look at before an event goes out.

Each check gives warnings, never errors: nothing here blocks saving (a
programme is built over days, and a clash can be deliberate). The checks are
shown in the event's editor (``ProgrammeChecksPanel``), for a session in its
own editor, on the sessions of the admin programme grid, on the admin
dashboard for upcoming events, and on the "Programme checks" report (Reports
menu) for every event the user may edit, past ones too when asked.

- a speaker booked in two overlapping sessions of the event;
- two sessions in the same room at the same time (rooms are the event's
  room records, so "Main hall" and "main hall " are already one room);
- sessions without speakers (breaks and networking aside: nobody speaks);
- sessions outside the event's dates;
- a panel without a moderator (a chair counts: chairing is moderating).

Decisions, as pretalx's and Sessionize's schedule warnings do: cancelled
sessions are left out of every check; clashes are looked for inside one
event (a programme is planned per event); drafts count. Each session is read
as its editor last saved it (its latest revision when it has unpublished
changes), so saving a fix as a draft clears the warning at once. The queries
are a fixed number per call, however many sessions and events there are.
"""

import itertools
from dataclasses import dataclass, field
from functools import reduce
from operator import or_

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from recap.speakers.models import Speaker

from ..models import (
    EventPage,
    EventRoom,
    SessionKind,
    SessionPage,
    SessionSpeaker,
    SessionStatus,
    SpeakerRole,
)

#: Kinds where nobody speaks: no warning for their having no speakers.
KINDS_WITHOUT_SPEAKERS = frozenset({SessionKind.BREAK, SessionKind.NETWORKING})
MODERATING_ROLES = frozenset({SpeakerRole.MODERATOR, SpeakerRole.CHAIR})
CHECK_BATCH = 50  # events checked per batch of queries


@dataclass
class CheckedSession:
    """A session as its editor last saved it: what the checks look at."""

    pk: int
    title: str
    kind: str
    status: str
    start: object
    end: object
    room: object  # the room's id, or None
    event_path: str
    room_name: str = ""
    speakers: list = field(default_factory=list)  # (speaker id, role) pairs

    @property
    def room_key(self):
        return self.room or 0

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end


@dataclass
class ProgrammeWarning:
    """One thing to look at, naming the sessions concerned."""

    check: str  # "speaker_clash", "room_clash", "no_speakers", "outside_event", "no_moderator"
    message: str
    sessions: list  # CheckedSession, in programme order
    subject: str = ""  # the speaker or room concerned, for a clash

    def involves(self, session_pk):
        return any(session.pk == session_pk for session in self.sessions)


def check_event(event):
    """The warnings of one event's programme, in a fixed number of queries.
    `event` may be an unsaved revision of the event (its dates are used as
    they are on it)."""
    if not event.pk:
        return []
    return check_events([event])[event.pk]


def check_events(events):
    """{event pk: [ProgrammeWarning]} for `events`, in four queries in all."""
    events = [event for event in events if event.pk]
    result = {event.pk: [] for event in events}
    if not events:
        return result
    by_path = {event.path: event for event in events}
    sessions = _current_sessions(events)
    names = _speaker_names(sessions)
    for path, group in itertools.groupby(sessions, key=lambda s: s.event_path):
        event = by_path[path]
        result[event.pk] = _warnings(event, list(group), names)
    return result


def _current_sessions(events):
    in_events = reduce(
        or_, (Q(path__startswith=event.path, depth=event.depth + 1) for event in events)
    )
    rows = list(
        SessionPage.objects.filter(in_events)
        .order_by("path")
        .values(
            "pk",
            "title",
            "draft_title",
            "kind",
            "status",
            "start",
            "end",
            "room",
            "room__name",
            "path",
            "has_unpublished_changes",
            "latest_revision_id",
        )
    )
    links = {}
    for page_id, speaker_id, role in SessionSpeaker.objects.filter(
        page_id__in=[row["pk"] for row in rows]
    ).values_list("page_id", "speaker_id", "role"):
        links.setdefault(page_id, []).append((speaker_id, role))
    drafts = dict(
        Revision.objects.filter(
            pk__in=[
                row["latest_revision_id"]
                for row in rows
                if row["has_unpublished_changes"] and row["latest_revision_id"]
            ]
        ).values_list("pk", "content")
    )
    steplen = Page.steplen
    sessions = []
    for row in rows:
        session = CheckedSession(
            pk=row["pk"],
            title=row["draft_title"] or row["title"],
            kind=row["kind"],
            status=row["status"],
            start=row["start"],
            end=row["end"],
            room=row["room"],
            room_name=row["room__name"] or "",
            event_path=row["path"][:-steplen],
            speakers=links.get(row["pk"], []),
        )
        content = drafts.get(row["latest_revision_id"]) if row["has_unpublished_changes"] else None
        if content:
            _apply_draft(session, content)
        sessions.append(session)
    _name_draft_rooms(sessions, {row["room"]: row["room__name"] for row in rows if row["room"]})
    sessions.sort(key=lambda s: (s.event_path, s.start, s.room_key, s.pk))
    return sessions


def _name_draft_rooms(sessions, names):
    """Name the rooms that drafts moved sessions to: one more query, and only
    when a draft names a room no published session uses."""
    missing = {s.room for s in sessions if s.room and s.room not in names}
    if missing:
        names.update(EventRoom.objects.filter(pk__in=missing).values_list("pk", "name"))
    for session in sessions:
        if session.room:
            session.room_name = names.get(session.room, "")


def _apply_draft(session, content):
    """Read the fields the checks need from a revision's stored content."""
    for name in ("kind", "status"):
        if isinstance(content.get(name), str):
            setattr(session, name, content[name])
    if "room" in content and (content["room"] is None or isinstance(content["room"], int)):
        session.room = content["room"]
    for name in ("start", "end"):
        value = parse_datetime(content[name]) if isinstance(content.get(name), str) else None
        if value is not None:
            setattr(session, name, value)
    if isinstance(content.get("speaker_links"), list):
        session.speakers = [
            (link.get("speaker"), link.get("role"))
            for link in content["speaker_links"]
            if isinstance(link, dict) and link.get("speaker")
        ]


def _speaker_names(sessions):
    ids = {speaker_id for session in sessions for speaker_id, _role in session.speakers}
    return dict(Speaker.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _warnings(event, sessions, names):
    sessions = [s for s in sessions if s.status != SessionStatus.CANCELLED]
    warnings = []
    warnings += _speaker_clashes(sessions, names)
    warnings += _room_clashes(sessions)
    without = [s for s in sessions if not s.speakers and s.kind not in KINDS_WITHOUT_SPEAKERS]
    if without:
        warnings.append(ProgrammeWarning("no_speakers", _("Sessions without speakers:"), without))
    outside = [s for s in sessions if s.start < event.start or s.end > event.end]
    if outside:
        warnings.append(
            ProgrammeWarning("outside_event", _("Sessions outside the event's dates:"), outside)
        )
    unmoderated = [
        s
        for s in sessions
        if s.kind == SessionKind.PANEL
        and not any(role in MODERATING_ROLES for _id, role in s.speakers)
    ]
    if unmoderated:
        warnings.append(
            ProgrammeWarning("no_moderator", _("Panels without a moderator:"), unmoderated)
        )
    return warnings


def _overlapping_pairs(sessions):
    """Pairs of overlapping sessions among `sessions` (sorted by start)."""
    for i, first in enumerate(sessions):
        for second in sessions[i + 1 :]:
            if second.start >= first.end:
                break
            yield first, second


def _speaker_clashes(sessions, names):
    by_speaker = {}
    for session in sessions:
        for speaker_id in dict(session.speakers):
            by_speaker.setdefault(speaker_id, []).append(session)
    warnings = []
    for speaker_id, booked in by_speaker.items():
        booked.sort(key=lambda s: (s.start, s.pk))
        for first, second in _overlapping_pairs(booked):
            warnings.append(
                ProgrammeWarning(
                    "speaker_clash",
                    _("%(speaker)s is booked in two sessions at the same time:")
                    % {"speaker": names.get(speaker_id, _("A speaker"))},
                    [first, second],
                    subject=names.get(speaker_id, _("A speaker")),
                )
            )
    return warnings


def _room_clashes(sessions):
    by_room = {}
    for session in sessions:
        if session.room_key:
            by_room.setdefault(session.room_key, []).append(session)
    warnings = []
    for booked in by_room.values():
        booked.sort(key=lambda s: (s.start, s.pk))
        for first, second in _overlapping_pairs(booked):
            warnings.append(
                ProgrammeWarning(
                    "room_clash",
                    _("Two sessions in %(room)s at the same time:") % {"room": first.room_name},
                    [first, second],
                    subject=first.room_name,
                )
            )
    return warnings


def upcoming_events_with_warnings(now, limit=5):
    """[(event, warnings)] for the next `limit` events that have warnings,
    for the dashboard: a fixed number of queries."""
    events = list(EventPage.objects.filter(end__gte=now).order_by("start")[:20])
    checked = check_events(events)
    return [(event, checked[event.pk]) for event in events if checked[event.pk]][:limit]


def events_with_warnings(events, now, include_past=False):
    """[(event, warnings)] for those of `events` (a queryset) that have
    warnings: upcoming and running ones in date order, then, when asked,
    past ones, latest first. A fixed number of queries."""
    upcoming = list(events.filter(end__gte=now).order_by("start", "path"))
    past = list(events.filter(end__lt=now).order_by("-start", "path")) if include_past else []
    checked = {}
    # In batches: one OR of tree paths per event, which a database bounds.
    for start in range(0, len(upcoming + past), CHECK_BATCH):
        checked.update(check_events((upcoming + past)[start : start + CHECK_BATCH]))
    return [(event, checked[event.pk]) for event in upcoming + past if checked[event.pk]]
