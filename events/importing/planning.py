"""Planning an import: what reading a file would do to the site (the preview).

`plan_import` reads the file, finds the sessions its UIDs already made and
the event to import into, and decides for each item: create, update (with the
fields that change), unchanged, or skip (with the reason). It reads the
database and writes nothing; the admin preview and the command's dry run show
the plan, and `applying.apply_import` writes it.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import dateformat, timezone
from django.utils.html import escape
from django.utils.translation import gettext, pgettext

from recap.core.sanitize import single_line

from ..exports.ical import calendar_uuid_for
from ..models import (
    EventPage,
    EventRoom,
    SessionKind,
    SessionPage,
    SessionStatus,
    room_name_key,
)
from .reading import ImportRefused, read_calendar, zone_by_name

CREATE, UPDATE, UNCHANGED, SKIP = "create", "update", "unchanged", "skip"
_COMPARED = ("title", "start", "end", "room", "status", "kind", "abstract")


@dataclass
class PlannedSession:
    uid: str
    line: int
    action: str
    title: str = ""
    start: dt.datetime | None = None
    end: dt.datetime | None = None
    room: str = ""
    status: str = SessionStatus.SCHEDULED
    kind: str = SessionKind.TALK
    abstract: str = ""
    speaker_names: list = field(default_factory=list)
    reason: str = ""
    existing: SessionPage | None = None
    changes: list = field(default_factory=list)
    repeats: bool = False

    @property
    def calendar_uid(self):
        return calendar_uuid_for(self.uid)

    def session_values(self):
        """The SessionPage fields this item sets, but its room: `room` is a
        name here, which the import maps to one of the event's rooms."""
        return {name: getattr(self, name) for name in _COMPARED if name != "room"}


@dataclass
class ImportPlan:
    """What an import would do; nothing has been written."""

    filename: str
    zone: zoneinfo.ZoneInfo
    sessions: list
    event: EventPage | None = None
    new_event_title: str = ""
    new_event_slug: str = ""
    widen_to: tuple | None = None
    new_rooms: list = field(default_factory=list)  # names of rooms the import creates

    def count(self, action):
        return sum(1 for item in self.sessions if item.action == action)

    @property
    def created(self):
        return [item for item in self.sessions if item.action == CREATE]

    @property
    def updated(self):
        return [item for item in self.sessions if item.action == UPDATE]

    @property
    def skipped(self):
        return [item for item in self.sessions if item.action in (SKIP, UNCHANGED)]

    @property
    def event_span(self):
        times = [(item.start, item.end) for item in self.sessions if item.action != SKIP]
        if not times:
            return None
        return min(start for start, _ in times), max(end for _, end in times)

    def summary(self):
        target = (
            f"event “{self.event.title}”" if self.event else f"new event “{self.new_event_title}”"
        )
        return (
            f"{self.count(CREATE)} to create, {self.count(UPDATE)} to update, "
            f"{self.count(UNCHANGED)} unchanged, {self.count(SKIP)} skipped, in {target} "
            f"({self.zone.key})."
        )


def plan_import(data, filename="", *, event=None, zone_name=None):
    """Read a file and work out what importing it would do (no writes)."""
    calendar_file = read_calendar(data, filename)
    if zone_name and zone_by_name(zone_name) is None:
        raise ImportRefused(
            gettext("Unknown time zone “%(zone)s”: use an IANA name such as Europe/London.")
            % {"zone": zone_name}
        )
    uids = [item.uid for item in calendar_file.items]
    existing = {
        session.calendar_uid: session
        for session in SessionPage.objects.filter(
            calendar_uid__in=[calendar_uuid_for(uid) for uid in uids if uid]
        ).select_related("room")
    }
    existing_events = {}
    if event is None and existing:
        parents = {session.path[: -SessionPage.steplen] for session in existing.values()}
        existing_events = {e.path: e for e in EventPage.objects.filter(path__in=parents)}
    event = _target_event(existing_events, event)
    zone = (
        event.tz
        if event is not None
        else zone_by_name(zone_name) or calendar_file.zone or zoneinfo.ZoneInfo("UTC")
    )
    plan = ImportPlan(filename=filename, zone=zone, sessions=[], event=event)
    room_names = _room_names(event)
    seen = {}
    for read in calendar_file.items:
        item = _planned_session(read, zone, event)
        # A room the event has is named as the event names it ("Main stage"
        # for the file's "main stage"), in the preview as in the session.
        item.room = room_names.get(room_name_key(item.room)[1], item.room)
        if item.action != SKIP and item.uid in seen:
            _skip(
                item,
                gettext("its UID repeats the item on line %(line)s") % {"line": seen[item.uid]},
            )
        elif item.action != SKIP:
            seen[item.uid] = item.line
            _compare(item, existing.get(item.calendar_uid), event)
        plan.sessions.append(item)
    plan.new_rooms = _new_rooms(plan.sessions, event)
    span = plan.event_span
    if event is None:
        plan.new_event_title = calendar_file.name or (
            Path(filename).stem.replace("_", " ").replace("-", " ").strip()
            or gettext("Imported programme")
        )
    elif span and (span[0] < event.start or span[1] > event.end):
        plan.widen_to = (min(span[0], event.start), max(span[1], event.end))
    return plan


def _room_names(event):
    """{name key: the room's own name} of the event's rooms."""
    if event is None:
        return {}
    names = EventRoom.objects.filter(page=event).values_list("name", flat=True)
    return {room_name_key(name)[1]: name for name in names}


def _new_rooms(items, event):
    """The rooms importing would add to the event, in the file's order."""
    known = set()
    if event is not None:
        names = EventRoom.objects.filter(page=event).values_list("name", flat=True)
        known = {room_name_key(name)[1] for name in names}
    new = {}
    for item in items:
        name, key = room_name_key(item.room)
        if item.action in (CREATE, UPDATE) and name and key not in known:
            new.setdefault(key, name)
    return list(new.values())


def _as_aware(value, zone):
    if value.tzinfo is None:  # floating time: read in the event's zone
        return value.replace(tzinfo=zone)
    return value


def _abstract_html(text):
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def _planned_session(read, zone, event):
    """A read item as a PlannedSession (CREATE until compared), a SKIP with
    its reason, or ImportRefused for times that cannot be right."""
    item = PlannedSession(
        uid=read.uid, line=read.line, action=CREATE, title=read.title, repeats=read.repeats
    )
    if read.skip_reason:
        if read.start is not None:  # a repeating item's first time, for the preview
            item.start = _as_aware(read.start, zone)
        return _skip(item, read.skip_reason)
    item.start = _as_aware(read.start, zone).astimezone(dt.UTC)
    item.end = _as_aware(read.end, zone).astimezone(dt.UTC)
    if item.end <= item.start:
        raise ImportRefused(
            gettext("Line %(line)s, UID %(uid)s: “%(title)s” ends before it starts.")
            % {"line": read.end_line, "uid": read.uid, "title": item.title}
        )
    if not item.title:
        return _skip(item, gettext("it has no title (SUMMARY)"))
    item.abstract = _abstract_html(read.description)
    location = read.location
    venue = single_line(event.location_line) if event is not None else ""
    if venue and location.endswith(venue):
        # Our own exports append the venue to the room.
        location = location[: -len(venue)].rstrip(" ,")
    item.room = room_name_key(location[:100])[0]
    item.kind = read.kind
    item.status = read.status
    item.speaker_names = read.speaker_names
    return item


def _skip(item, reason):
    item.action, item.reason = SKIP, reason
    return item


def _target_event(existing_events, event):
    if event is not None:
        return event
    if len(existing_events) > 1:
        names = ", ".join(sorted(f"“{e.title}”" for e in existing_events.values()))
        raise ImportRefused(
            gettext(
                "This file's sessions already belong to several events (%(events)s); "
                "choose the event to import into."
            )
            % {"events": names}
        )
    return next(iter(existing_events.values()), None)


def _compare(item, session, event):
    if session is None:
        return
    if event is not None and not session.path.startswith(event.path):
        _skip(
            item,
            gettext("this UID is already a session of another event (“%(event)s”)")
            % {"event": session.get_parent().title},
        )
        return
    item.existing = session
    new_values = item.session_values()
    item.changes = [
        name
        for name in _COMPARED
        if (
            room_name_key(session.room_name)[1] != room_name_key(item.room)[1]
            if name == "room"
            else getattr(session, name) != new_values[name]
        )
    ]
    item.action = UPDATE if item.changes else UNCHANGED
    if not item.changes:
        item.reason = gettext("already up to date")


WHEN = "D d M Y H:i"  # "Sat 28 Mar 2026 09:30"


def changed_field_names():
    """The compared fields as an editor knows them (a preview's "changes")."""
    return {
        "title": gettext("title"),
        "start": gettext("start"),
        "end": gettext("end"),
        "room": pgettext("conference", "room"),
        "status": gettext("status"),
        "kind": pgettext("session kind", "kind"),
        "abstract": gettext("abstract"),
    }


def when(item, zone):
    """When a planned item happens, for people: "Sat 28 Mar 2026 09:30–10:30",
    "repeats, from Tue 06 Oct 2026 17:00" or "no time"."""
    if item.start is None:
        return gettext("no time")
    start = timezone.localtime(item.start, zone)
    if item.repeats:
        return gettext("repeats, from %(start)s") % {"start": dateformat.format(start, WHEN)}
    if item.end is None:
        return dateformat.format(start, WHEN)
    end = timezone.localtime(item.end, zone)
    end_format = "H:i" if end.date() == start.date() else WHEN
    # Django's date format: day and month names in the reader's language.
    return f"{dateformat.format(start, WHEN)}–{dateformat.format(end, end_format)}"


def note(item):
    """Why an item is skipped, or what an update changes."""
    if item.reason:
        return item.reason
    if item.changes:
        names = changed_field_names()
        fields = ", ".join(str(names.get(name, name)) for name in item.changes)
        return gettext("changes: %(fields)s") % {"fields": fields}
    return ""


def title_of(item):
    return item.title or gettext("(untitled, line %(line)s)") % {"line": item.line}


def describe(item, zone):
    """One line of a preview: what happens to a session, when, and why."""
    detail = note(item)
    return f"{item.action}: {title_of(item)} ({when(item, zone)})" + (
        f" — {detail}" if detail else ""
    )


def preview_row(item, zone):
    """One row of the admin preview's tables."""
    return {
        "title": title_of(item),
        "when": when(item, zone),
        "room": item.room,
        "kind": SessionKind(item.kind).label if item.action != SKIP else "",
        "note": note(item),
    }
