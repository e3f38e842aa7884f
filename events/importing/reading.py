"""Reading an .ics file into neutral items: no database, no decisions.

`read_calendar` checks the file (size, encoding, structure, values) and turns
each VEVENT into a `CalendarItem`: its UID, line, times as written (naive when
the file's time is floating), text cleaned once by `recap.core.sanitize`, and
a reason when it cannot be a session at all (all-day, recurring, no UID...).
What happens to an item (create, update, skip) is planning's business.

A broken file raises `ImportRefused`, naming the line (and the UID) where it
can: impossible values, times outside the years a programme can have (a
DTSTART in 9999 plus a DURATION would overflow), and a TZID that is neither a
known zone nor one the file defines in a VTIMEZONE (read silently as floating
time, it would shift every session by hours).
"""

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass, field

from django.utils.translation import gettext
from django.utils.translation import gettext as _
from icalendar import Calendar
from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

from recap.core.sanitize import plain_text, single_line

from ..models import SessionKind, SessionStatus

MAX_FILE_SIZE = 5 * 1024 * 1024
# A programme's sessions happen within these years; outside them a time is a
# typo (or hostile), and near the ends of datetime's range it would overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2199
_KINDS = {
    **{value.lower(): value for value in SessionKind.values},
    **{label.lower(): value for value, label in SessionKind.choices},
}
_SPEAKERS_LINE = re.compile(
    r"^\s*(?:speakers?|presenters?|panel(?:lists)?)\s*:\s*(.+)$", re.I | re.M
)
_BREAKS = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|tr)\s*>", re.I)
# "Panel: where do IC pros fit?" - a kind named before a colon at the start of
# the title (Google Calendar and Outlook programmes have no CATEGORIES).
_KIND_PREFIX = re.compile(r"^\s*([^\W\d_][^\W\d_ -]*(?:[ -][^\W\d_]+)?)\s*:\s*\S")
_KIND_ALIASES = {
    "panel discussion": SessionKind.PANEL,
    "fireside": SessionKind.FIRESIDE,
    "lightning": SessionKind.LIGHTNING,
    "lightning talks": SessionKind.LIGHTNING,
}


class ImportRefused(Exception):
    """The file cannot be imported; the message says why, for a person."""


@dataclass
class CalendarItem:
    """One VEVENT as the file states it."""

    uid: str
    line: int
    title: str = ""
    start: dt.datetime | None = None  # naive: floating time, read in the event's zone
    end: dt.datetime | None = None
    end_line: int = 0
    location: str = ""
    status: str = SessionStatus.SCHEDULED
    kind: str = SessionKind.TALK
    description: str = ""  # plain text
    speaker_names: list = field(default_factory=list)
    skip_reason: str = ""
    repeats: bool = False  # RRULE/RDATE: skipped, but its first time is shown


@dataclass
class CalendarFile:
    """A whole file as read: its items and what it says about itself."""

    items: list
    name: str = ""  # X-WR-CALNAME or NAME
    zone: zoneinfo.ZoneInfo | None = None  # X-WR-TIMEZONE, else the first TZID


def read_text(data, filename=""):
    """The file's text, or ImportRefused if it is too large or not text."""
    if len(data) > MAX_FILE_SIZE:
        raise ImportRefused(
            (
                _("%(name)s is %(size).1f MB; the limit is %(limit)s MB.")
                if filename
                else _("The file is %(size).1f MB; the limit is %(limit)s MB.")
            )
            % {
                "name": filename,
                "size": len(data) / 1024 / 1024,
                "limit": MAX_FILE_SIZE // 1024 // 1024,
            }
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
            raise ImportRefused(_("This is not a text file, so not an iCalendar file.")) from exc


def _folded_parts(text):
    """(line number, pieces) for each content line: its first physical line
    and the folded continuations, without their leading space (RFC 5545
    3.1). Blank lines are skipped. Each piece is sliced from the text once,
    so the work grows with the file's size, however long a folded line is;
    joining a line's pieces once is linear too (appending each continuation
    to the line so far copied it again and again: 42 s for 4 MB)."""
    number, pieces = 0, None
    for index, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if raw[:1] in (" ", "\t") and pieces is not None:
            pieces.append(raw[1:])
        elif raw.strip():
            if pieces is not None:
                yield number, pieces
            number, pieces = index, [raw]
    if pieces is not None:
        yield number, pieces


def _unfolded_lines(text):
    """(line number, content line) with folded lines joined (RFC 5545 3.1)."""
    return [(number, "".join(pieces)) for number, pieces in _folded_parts(text)]


def check_structure(text):
    """Refuse what is not iCalendar or is cut short, naming the line.
    Returns, for each VEVENT in order, its first line and its properties' lines."""
    lines = _unfolded_lines(text)
    if not lines or lines[0][1].strip().upper() != "BEGIN:VCALENDAR":
        raise ImportRefused(
            gettext("This is not an iCalendar file: it should start with BEGIN:VCALENDAR (line 1).")
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
                raise ImportRefused(
                    gettext("Line %(line)s: END:%(name)s without a BEGIN.")
                    % {"line": number, "name": closing}
                )
            opened, opened_at = stack.pop()
            if opened != closing:
                raise ImportRefused(
                    gettext(
                        "Line %(line)s: END:%(name)s closes BEGIN:%(opened)s from line "
                        "%(opened_at)s; the file is damaged or cut short."
                    )
                    % {"line": number, "name": closing, "opened": opened, "opened_at": opened_at}
                )
        elif ":" not in line:
            raise ImportRefused(
                gettext("Line %(line)s is not an iCalendar content line: %(text)r.")
                % {"line": number, "text": line[:60]}
            )
        elif stack and stack[-1][0] == "VEVENT":
            events[-1]["props"].setdefault(name, number)
    if stack:
        opened, opened_at = stack[-1]
        raise ImportRefused(
            gettext("The file is cut short: BEGIN:%(opened)s on line %(line)s is never closed.")
            % {"opened": opened, "line": opened_at}
        )
    return events


def parse_calendar(data, filename=""):
    """The parsed calendar and the line index of its VEVENTs."""
    text = read_text(data, filename)
    index = check_structure(text)
    try:
        calendar = Calendar.from_ical(text)
    except ValueError as exc:
        raise ImportRefused(
            _("This iCalendar file cannot be read: %(reason)s") % {"reason": exc}
        ) from exc
    return calendar, index


def read_calendar(data, filename=""):
    """The file as a `CalendarFile`, or ImportRefused naming what is wrong."""
    calendar, index = parse_calendar(data, filename)
    _refuse_broken_values(calendar, index)
    vevents = calendar.walk("VEVENT")
    if not vevents:
        raise ImportRefused(_("This iCalendar file has no events (VEVENT) to import."))
    return CalendarFile(
        items=[_read_item(vevent, lines) for vevent, lines in zip(vevents, index, strict=False)],
        name=single_line(
            _text(calendar, "X-WR-CALNAME") or _text(calendar, "NAME"), max_length=255
        ),
        zone=zone_by_name(_text(calendar, "X-WR-TIMEZONE")) or _first_tzid_zone(calendar),
    )


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


def _kind(vevent, title=""):
    """The session kind: from CATEGORIES (pretalx, Sessionize), else from a
    kind named as the title's prefix ("Keynote: ...", "Workshop: ..."), else
    a talk. The title keeps its prefix: it is what the organiser printed, and
    re-importing the same file must find the same title."""
    categories = vevent.get("CATEGORIES")
    values = categories if isinstance(categories, list) else [categories] if categories else []
    for value in values:
        for category in getattr(value, "cats", []):
            kind = _KINDS.get(str(category).strip().lower())
            if kind:
                return kind
    return kind_from_title(title) or SessionKind.TALK


def kind_from_title(title):
    """The kind a title's prefix names ("Panel: ..." is a panel), or None."""
    match = _KIND_PREFIX.match(title or "")
    if not match:
        return None
    name = match.group(1).strip().lower()
    kind = _KIND_ALIASES.get(name) or _KINDS.get(name)
    return kind if kind and kind != SessionKind.OTHER else None


def _refuse_broken_values(calendar, index):
    """Refuse impossible values (a 13th month, a 25th hour...), naming the
    line and UID of the first."""
    for vevent, lines in zip(calendar.walk("VEVENT"), index, strict=False):
        for prop, message in getattr(vevent, "errors", []):
            uid = single_line(_text(vevent, "UID"))
            prop_line = lines["props"].get(str(prop).upper(), lines["line"])
            raise ImportRefused(
                (
                    _("Line %(line)s, UID %(uid)s: %(name)s is not valid (%(reason)s).")
                    if uid
                    else _("Line %(line)s: %(name)s is not valid (%(reason)s).")
                )
                % {"line": prop_line, "uid": uid, "name": prop, "reason": message}
            )
    for component in calendar.walk():
        for prop, message in getattr(component, "errors", []):
            raise ImportRefused(
                _("%(component)s %(name)s is not valid (%(reason)s).")
                % {"component": component.name, "name": prop, "reason": message}
            )


def _where(lines, name, uid):
    """ "Line N, UID x" for the property `name` of a VEVENT, for messages."""
    return _("Line %(line)s, UID %(uid)s") % {
        "line": lines["props"].get(name, lines["line"]),
        "uid": uid,
    }


def _refuse_unknown_zone(vevent, name, lines, uid):
    """A TZID that is no known zone and no VTIMEZONE of the file leaves the
    time naive (icalendar cannot place it); refuse it rather than guess."""
    prop = vevent.get(name)
    tzid = prop.params.get("TZID") if prop is not None else None
    value = getattr(prop, "dt", None)
    if tzid and isinstance(value, dt.datetime) and value.tzinfo is None:
        raise ImportRefused(
            _(
                "%(where)s: %(name)s names an unknown time zone (TZID=%(tzid)r); use an "
                "IANA name such as Europe/London or include its VTIMEZONE."
            )
            % {"where": _where(lines, name, uid), "name": name, "tzid": single_line(tzid)[:60]}
        )


def _refuse_out_of_range(value, name, lines, uid):
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ImportRefused(
            _(
                "%(where)s: %(name)s falls in the year %(year)s; a session's times must lie "
                "between %(first)s and %(last)s."
            )
            % {
                "where": _where(lines, name, uid),
                "name": name,
                "year": value.year,
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
            }
        )


def _read_item(vevent, lines):
    """One VEVENT as a CalendarItem (with a skip reason if it cannot be a
    session), or ImportRefused for a value that cannot be right."""
    uid = single_line(_text(vevent, "UID"))
    item = CalendarItem(uid=uid, line=lines["line"])
    item.title = single_line(_text(vevent, "SUMMARY"), max_length=255)
    if not uid:
        return _skip(item, _("it has no UID, so a later import could not find it again"))
    if vevent.get("RECURRENCE-ID") is not None:
        return _skip(item, _("it changes one occurrence of a recurring item (not imported)"))
    start = getattr(vevent.get("DTSTART"), "dt", None)
    if vevent.get("RRULE") is not None or vevent.get("RDATE") is not None:
        item.repeats = True
        if isinstance(start, dt.datetime) and FIRST_YEAR <= start.year <= LAST_YEAR:
            item.start = start  # shown in the preview ("repeats, from ...")
        return _skip(item, _("it repeats (RRULE); a programme session happens once"))
    if start is None:
        return _skip(item, _("it has no start time"))
    if not isinstance(start, dt.datetime):
        return _skip(item, _("it is an all-day item; sessions need start and end times"))
    _refuse_unknown_zone(vevent, "DTSTART", lines, uid)
    _refuse_out_of_range(start, "DTSTART", lines, uid)
    end = getattr(vevent.get("DTEND"), "dt", None)
    end_name = "DTEND"
    if end is None and vevent.get("DURATION") is not None:
        end_name = "DURATION"
        try:
            end = start + vevent["DURATION"].dt
        except OverflowError as exc:
            raise ImportRefused(
                _(
                    "%(where)s: DTSTART plus DURATION ends after the year 9999; a session's "
                    "times must lie between %(first)s and %(last)s."
                )
                % {"where": _where(lines, "DURATION", uid), "first": FIRST_YEAR, "last": LAST_YEAR}
            ) from exc
    if end is None:
        return _skip(item, _("it has no end time or duration"))
    if not isinstance(end, dt.datetime):
        return _skip(item, _("it is an all-day item; sessions need start and end times"))
    if end_name == "DTEND":
        _refuse_unknown_zone(vevent, "DTEND", lines, uid)
    _refuse_out_of_range(end, end_name, lines, uid)
    item.start, item.end = start, end
    item.end_line = lines["props"].get("DTEND", lines["line"])
    item.description = _description(vevent)
    item.location = single_line(_text(vevent, "LOCATION"))
    item.kind = _kind(vevent, item.title)
    if _text(vevent, "STATUS").upper() == "CANCELLED":
        item.status = SessionStatus.CANCELLED
    item.speaker_names = _speaker_names(vevent, item.description)
    return item


def _skip(item, reason):
    item.skip_reason = reason
    return item
