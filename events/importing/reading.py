"""Import a programme from an iCalendar file (pretalx, Sessionize, Sched,
Google Calendar, Outlook...).

Two steps, so that the admin can show a preview and the command a dry run:
`plan_import` reads and checks the whole file and works out what would be
created, updated or skipped (and why) without writing anything; `apply_import`
writes a plan in one transaction. A broken file raises `ImportRefused` with a
message naming the problem and, where it can, the line and the UID.

Decisions:
- Identity: a session's `calendar_uid` is derived from the file's UID
  (`ical.calendar_uuid_for`): our own `<uuid>@recap` UIDs and bare UUIDs map
  to that UUID, any other UID to a UUID5 of it, so re-importing a file finds
  the same sessions and updates them in place (their model's save bumps
  SEQUENCE when time, room or status changed). The original UID is not stored.
- Target event: `event` if given; otherwise the event that already holds the
  file's sessions; otherwise a new event under the index, titled from
  X-WR-CALNAME (or the file name), spanning the sessions, in the zone given,
  or X-WR-TIMEZONE, or the first TZID, or UTC.
- Sessions must lie within their event: a new event spans them; an existing
  event is widened to fit, and the preview says so.
- All-day items are skipped (a session has a start and an end time);
  recurring items (RRULE/RDATE, or overrides with RECURRENCE-ID) are skipped:
  a programme's session happens once. Each skip states its reason.
- Times: TZID of any name (IANA, Windows names such as "GMT Standard Time",
  custom VTIMEZONEs), UTC, and floating times read in the event's zone.
- Text: SUMMARY and LOCATION become single lines; the description (the HTML
  of X-ALT-DESC when present, else DESCRIPTION) is cleaned to plain text by
  `resources.sanitize`. Speakers named by ATTENDEE/ORGANIZER CN or on a
  "Speakers:" line are linked when a Speaker of that name exists (no new
  speaker records, and no e-mail addresses are kept).
"""

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.html import escape
from django.utils.text import slugify
from icalendar import Calendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from recap.core.sanitize import plain_text, single_line
from recap.speakers.models import Speaker

from .ical import calendar_uuid_for
from .models import EventPage, SessionKind, SessionPage, SessionSpeaker, SessionStatus

MAX_FILE_SIZE = 5 * 1024 * 1024
CREATE, UPDATE, UNCHANGED, SKIP = "create", "update", "unchanged", "skip"
_KINDS = {
    **{value.lower(): value for value in SessionKind.values},
    **{label.lower(): value for value, label in SessionKind.choices},
}
_SPEAKERS_LINE = re.compile(
    r"^\s*(?:speakers?|presenters?|panel(?:lists)?)\s*:\s*(.+)$", re.I | re.M
)
_BREAKS = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr)\s*>", re.I)
_COMPARED = ("title", "start", "end", "room", "status", "kind", "abstract")


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, for a person."""


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

    @property
    def calendar_uid(self):
        return calendar_uuid_for(self.uid)


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


# Reading the file ---------------------------------------------------------------


def read_text(data, filename=""):
    """The file's text, or ImportRefused if it is too large or not text."""
    if len(data) > MAX_FILE_SIZE:
        raise ImportRefused(
            f"{filename or 'The file'} is {len(data) / 1024 / 1024:.1f} MB; "
            f"the limit is {MAX_FILE_SIZE // 1024 // 1024} MB."
        )
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Some older Outlook exports are Windows-1252.
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ImportRefused("This is not a text file, so not an iCalendar file.") from exc


def _unfolded_lines(text):
    """(line number, content line) with folded lines joined (RFC 5545 3.1)."""
    lines = []
    for number, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if raw[:1] in (" ", "\t") and lines:
            lines[-1] = (lines[-1][0], lines[-1][1] + raw[1:])
        elif raw.strip():
            lines.append((number, raw))
    return lines


def check_structure(text):
    """Refuse what is not iCalendar or is cut short, naming the line.
    Returns, for each VEVENT in order, its first line and its properties' lines."""
    lines = _unfolded_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise ImportRefused(
            "This is not an iCalendar file: it should start with BEGIN:VCALENDAR (line 1)."
        )
    stack, events = [], []
    for number, line in lines:
        name, _, value = line.partition(":")
        name = name.split(";", 1)[0].strip().upper()
        if name == "BEGIN":
            stack.append((value.strip().upper(), number))
            if value.strip().upper() == "VEVENT":
                events.append({"line": number, "props": {}})
        elif name == "END":
            closing = value.strip().upper()
            if not stack:
                raise ImportRefused(f"Line {number}: END:{closing} without a BEGIN.")
            opened, opened_at = stack.pop()
            if opened != closing:
                raise ImportRefused(
                    f"Line {number}: END:{closing} closes BEGIN:{opened} from line {opened_at}; "
                    "the file is damaged or cut short."
                )
        elif ":" not in line:
            raise ImportRefused(f"Line {number} is not an iCalendar content line: {line[:60]!r}.")
        elif stack and stack[-1][0] == "VEVENT":
            events[-1]["props"].setdefault(name, number)
    if stack:
        opened, opened_at = stack[-1]
        raise ImportRefused(
            f"The file is cut short: BEGIN:{opened} on line {opened_at} is never closed."
        )
    return events


def parse_calendar(data, filename=""):
    """The parsed calendar and the line index of its VEVENTs."""
    text = read_text(data, filename)
    index = check_structure(text)
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise ImportRefused(f"This iCalendar file cannot be read: {exc}") from exc
    return calendar, index


# Planning -------------------------------------------------------------------------


def zone_by_name(name):
    """An IANA zone from an IANA or Windows zone name, or None."""
    if not name:
        return None
    name = WINDOWS_TO_OLSON.get(str(name).strip(), str(name).strip())
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


def _first_tzid_zone(calendar):
    for vevent in calendar.walk("VEVENT"):
        prop = vevent.get("DTSTART")
        value = getattr(prop, "dt", None)
        tzinfo = getattr(value, "tzinfo", None)
        if tzinfo is None:
            continue
        key = getattr(tzinfo, "key", None)
        zone = zone_by_name(key or prop.params.get("TZID"))
        if zone:
            return zone
        if value.utcoffset() == dt.timedelta(0):
            return zoneinfo.ZoneInfo("UTC")
    return None


def _as_aware(value, zone):
    if value.tzinfo is None:  # floating time: read in the event's zone
        return value.replace(tzinfo=zone)
    return value


def _text(vevent, name):
    value = vevent.get(name)
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value) if value is not None else ""


def _description(vevent):
    html = vevent.get("X-ALT-DESC")
    if html is not None and "html" in str(html.params.get("FMTTYPE", "")).lower():
        return plain_text(_line_breaks(str(html)))
    # Google Calendar puts HTML in DESCRIPTION itself.
    return plain_text(_line_breaks(_text(vevent, "DESCRIPTION")))


def _line_breaks(html):
    """Keep the line breaks that markup implies before the markup is stripped."""
    return _BREAKS.sub("\n", html)


def _abstract_html(text):
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return "".join(f"<p>{escape(part).replace(chr(10), '<br>')}</p>" for part in paragraphs)


def _speaker_names(vevent, description):
    names = []
    for name in ("ORGANIZER", "ATTENDEE"):
        values = vevent.get(name)
        values = values if isinstance(values, list) else [values] if values is not None else []
        for value in values:
            common_name = single_line(value.params.get("CN", ""))
            if common_name:
                names.append(common_name)
    for match in _SPEAKERS_LINE.finditer(description):
        names += [single_line(part) for part in re.split(r",|;| and ", match.group(1))]
    seen, unique = set(), []
    for name in names:
        if name and name.lower() not in seen:
            seen.add(name.lower())
            unique.append(name)
    return unique


def _kind(vevent):
    categories = vevent.get("CATEGORIES")
    values = categories if isinstance(categories, list) else [categories] if categories else []
    for value in values:
        for category in getattr(value, "cats", []):
            kind = _KINDS.get(str(category).strip().lower())
            if kind:
                return kind
    return SessionKind.TALK


def _refuse_broken_values(calendar, index):
    """Refuse impossible values (a 13th month, a 25th hour...), naming the
    line and UID of the first."""
    for vevent, lines in zip(calendar.walk("VEVENT"), index, strict=False):
        for prop, message in getattr(vevent, "errors", []):
            uid = single_line(_text(vevent, "UID"))
            prop_line = lines["props"].get(str(prop).upper(), lines["line"])
            raise ImportRefused(
                f"Line {prop_line}{', UID ' + uid if uid else ''}: {prop} is not valid ({message})."
            )
    for component in calendar.walk():
        for prop, message in getattr(component, "errors", []):
            raise ImportRefused(f"{component.name} {prop} is not valid ({message}).")


def _read_session(vevent, lines, zone, event=None):
    """One VEVENT as a PlannedSession (action CREATE until compared), a SKIP
    with its reason, or ImportRefused for a value that cannot be right."""
    uid = single_line(_text(vevent, "UID"))
    line = lines["line"]
    item = PlannedSession(uid=uid, line=line, action=CREATE)
    item.title = single_line(_text(vevent, "SUMMARY"), max_length=255)
    if not uid:
        return _skip(item, "it has no UID, so a later import could not find it again")
    if vevent.get("RECURRENCE-ID") is not None:
        return _skip(item, "it changes one occurrence of a recurring item (not imported)")
    if vevent.get("RRULE") is not None or vevent.get("RDATE") is not None:
        return _skip(item, "it repeats (RRULE); a programme session happens once")
    start = getattr(vevent.get("DTSTART"), "dt", None)
    if start is None:
        return _skip(item, "it has no start time")
    if not isinstance(start, dt.datetime):
        return _skip(item, "it is an all-day item; sessions need start and end times")
    end = getattr(vevent.get("DTEND"), "dt", None)
    if end is None and vevent.get("DURATION") is not None:
        end = start + vevent["DURATION"].dt
    if end is None:
        return _skip(item, "it has no end time or duration")
    if not isinstance(end, dt.datetime):
        return _skip(item, "it is an all-day item; sessions need start and end times")
    item.start = _as_aware(start, zone).astimezone(dt.UTC)
    item.end = _as_aware(end, zone).astimezone(dt.UTC)
    if item.end <= item.start:
        raise ImportRefused(
            f"Line {lines['props'].get('DTEND', line)}, UID {uid}: "
            f"“{item.title}” ends before it starts."
        )
    if not item.title:
        return _skip(item, "it has no title (SUMMARY)")
    description = _description(vevent)
    item.abstract = _abstract_html(description)
    location = single_line(_text(vevent, "LOCATION"))
    venue = single_line(event.location_line) if event is not None else ""
    if venue and location.endswith(venue):
        # Our own exports append the venue to the room.
        location = location[: -len(venue)].rstrip(" ,")
    item.room = location[:100].rstrip()
    item.kind = _kind(vevent)
    if _text(vevent, "STATUS").upper() == "CANCELLED":
        item.status = SessionStatus.CANCELLED
    item.speaker_names = _speaker_names(vevent, description)
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
            f"This file's sessions already belong to several events ({names}); "
            "choose the event to import into."
        )
    return next(iter(existing_events.values()), None)


def plan_import(data, filename="", *, event=None, zone_name=None):
    """Read a file and work out what importing it would do (no writes)."""
    calendar, index = parse_calendar(data, filename)
    _refuse_broken_values(calendar, index)
    vevents = calendar.walk("VEVENT")
    if zone_name and zone_by_name(zone_name) is None:
        raise ImportRefused(
            f"Unknown time zone “{zone_name}”: use an IANA name such as Europe/London."
        )
    uids = [single_line(_text(vevent, "UID")) for vevent in vevents]
    existing = {
        session.calendar_uid: session
        for session in SessionPage.objects.filter(
            calendar_uid__in=[calendar_uuid_for(uid) for uid in uids if uid]
        ).specific()
    }
    existing_events = {}
    if event is None and existing:
        parents = {session.path[: -SessionPage.steplen] for session in existing.values()}
        existing_events = {e.path: e for e in EventPage.objects.filter(path__in=parents)}
    event = _target_event(existing_events, event)
    zone = (
        event.tz
        if event is not None
        else zone_by_name(zone_name)
        or zone_by_name(_text(calendar, "X-WR-TIMEZONE"))
        or _first_tzid_zone(calendar)
        or zoneinfo.ZoneInfo("UTC")
    )
    plan = ImportPlan(filename=filename, zone=zone, sessions=[], event=event)
    seen = {}
    for vevent, lines in zip(vevents, index, strict=False):
        item = _read_session(vevent, lines, zone, event)
        if item.action != SKIP and item.uid in seen:
            _skip(item, f"its UID repeats the item on line {seen[item.uid]}")
        elif item.action != SKIP:
            seen[item.uid] = item.line
            _compare(item, existing.get(item.calendar_uid), event)
        plan.sessions.append(item)
    if not vevents:
        raise ImportRefused("This iCalendar file has no events (VEVENT) to import.")
    span = plan.event_span
    if event is None:
        plan.new_event_title = single_line(
            _text(calendar, "X-WR-CALNAME") or _text(calendar, "NAME"), max_length=255
        ) or (
            Path(filename).stem.replace("_", " ").replace("-", " ").strip() or "Imported programme"
        )
    elif span and (span[0] < event.start or span[1] > event.end):
        plan.widen_to = (min(span[0], event.start), max(span[1], event.end))
    return plan


def _compare(item, session, event):
    if session is None:
        return
    if event is not None and not session.path.startswith(event.path):
        _skip(
            item, f"this UID is already a session of another event (“{session.get_parent().title}”)"
        )
        return
    item.existing = session
    new_values = _session_values(item)
    item.changes = [name for name in _COMPARED if getattr(session, name) != new_values[name]]
    item.action = UPDATE if item.changes else UNCHANGED
    if not item.changes:
        item.reason = "already up to date"


def _session_values(item):
    return {
        "title": item.title,
        "start": item.start,
        "end": item.end,
        "room": item.room,
        "status": item.status,
        "kind": item.kind,
        "abstract": item.abstract,
    }


# Writing --------------------------------------------------------------------------


@dataclass
class ImportResult:
    event: EventPage
    created: int = 0
    updated: int = 0
    skipped: int = 0


def _save(page, publish, user):
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def _unique_slug(title, taken):
    base = slugify(title)[:200] or "session"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def apply_import(plan, *, index_page=None, publish=True, user=None, progress=None):
    """Write a plan in one transaction: all of it, or nothing.

    `progress`, if given, wraps the iterable of sessions (a tqdm bar)."""
    items = [item for item in plan.sessions if item.action in (CREATE, UPDATE)]
    names = {name.lower() for item in items for name in item.speaker_names}
    speakers = {}
    if names:
        matches = Speaker.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=names)
        for speaker in matches.order_by("pk"):
            speakers.setdefault(speaker.lower_name, speaker)
    with transaction.atomic():
        event = _prepare_event(plan, index_page, publish, user)
        taken = set(event.get_children().values_list("slug", flat=True))
        result = ImportResult(event=event, skipped=len(plan.sessions) - len(items))
        for item in progress(items) if progress else items:
            if item.action == CREATE:
                _create_session(event, item, speakers, taken, publish, user)
                result.created += 1
            else:
                _update_session(item, speakers, publish, user)
                result.updated += 1
    return result


def _prepare_event(plan, index_page, publish, user):
    if plan.event is not None:
        event = EventPage.objects.get(pk=plan.event.pk)
        if plan.widen_to:
            event.start, event.end = plan.widen_to
            _save(event, publish, user)
        return event
    if index_page is None:
        raise ImportRefused("There is no event index to create the new event under.")
    span = plan.event_span
    if span is None:
        raise ImportRefused("Nothing in this file can be imported, so no event was created.")
    taken = set(index_page.get_children().values_list("slug", flat=True))
    event = EventPage(
        title=plan.new_event_title,
        slug=_unique_slug(plan.new_event_title, taken),
        start=span[0],
        end=span[1],
        time_zone=plan.zone.key,
        live=publish,
    )
    index_page.add_child(instance=event)
    _save(event, publish, user)
    return event


def _speaker_links(item, speakers, existing_ids=()):
    links = []
    for name in item.speaker_names:
        speaker = speakers.get(name.lower())
        if speaker and speaker.pk not in existing_ids:
            links.append(SessionSpeaker(speaker=speaker))
    return links


def _create_session(event, item, speakers, taken, publish, user):
    session = SessionPage(
        slug=_unique_slug(item.title, taken),
        calendar_uid=item.calendar_uid,
        live=publish,
        **_session_values(item),
    )
    session.speaker_links = _speaker_links(item, speakers)
    event.add_child(instance=session)
    _save(session, publish, user)


def _update_session(item, speakers, publish, user):
    session = SessionPage.objects.get(pk=item.existing.pk)
    for name, value in _session_values(item).items():
        setattr(session, name, value)
    existing_ids = {link.speaker_id for link in session.speaker_links.all()}
    for link in _speaker_links(item, speakers, existing_ids):
        session.speaker_links.add(link)
    _save(session, publish, user)


def describe(item, zone):
    """One line of a preview: what happens to a session, and why."""
    when = f"{timezone.localtime(item.start, zone):%a %d %b %Y %H:%M}" if item.start else "no time"
    detail = item.reason or (f"changes: {', '.join(item.changes)}" if item.changes else "")
    return f"{item.action}: {item.title or '(untitled)'} ({when}; UID {item.uid or 'none'})" + (
        f" — {detail}" if detail else ""
    )
