"""Writing iCalendar (RFC 5545): UIDs, escaping, folding, the calendar head
with its VTIMEZONEs, and one VEVENT per session or event.

Plain functions over plain values. Which sessions go into a calendar, and
streaming it, is `calendar_feeds`; answering HTTP is `ical_views`.

How the bytes are made. icalendar builds the calendar head and each zone's
VTIMEZONE (`Timezone.from_tzinfo`, limited to the feed's dates plus a margin).
The VEVENT content lines are escaped (`escape_text`, RFC 5545 3.3.11), joined
and folded (`fold_line`) here rather than through `Component.to_ical()`: that
path costs about 1 ms per event (building property objects, and folding that
walks each character), which makes a 10,000-session feed take ten seconds or
more. The output is the same RFC 5545; the tests parse every feed back with
icalendar.

Identity. Every VEVENT's UID is `<calendar_uid>@recap`: the stored UUID of the
session (or event) and a fixed domain, never the site's host name, so a UID
never changes when a site moves. The importer reads such UIDs back to the
same UUID (see `calendar_uuid_for`).

Times. DTSTART/DTEND carry TZID = the event's IANA zone name (never a bare
"GMT"), with a VTIMEZONE for each zone used. DTSTAMP and LAST-MODIFIED are the
time the session or its event was last published, never "now", so the output
is byte-stable while nothing changes and ETags work.

Nothing a delegate wrote and no personal data goes into a feed: only
published pages and speakers' public names and roles.
"""

import datetime as dt
import uuid
import zoneinfo
from dataclasses import dataclass, field
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext
from icalendar import Calendar, Timezone, vDuration, vGeo

from recap.core.sanitize import CONTROLS_TABLE

from ..models import EventStatus, SessionKind, SessionStatus, SpeakerRole

UID_DOMAIN = "recap"
PRODID = "-//Recap//Conference calendar 1.0//EN"
# How often subscribed clients should poll; 304s make polling cheap.
REFRESH_INTERVAL = dt.timedelta(hours=1)
# VTIMEZONE components cover the feed's dates plus this margin either side.
TIMEZONE_MARGIN = dt.timedelta(days=90)
# Namespace for session UUIDs derived from other tools' UIDs (never change it:
# re-imports match sessions through it).
IMPORTED_UID_NAMESPACE = uuid.UUID("8a0f7a52-3d4c-5f0e-9b8e-2f6b1c7d9e31")
CRLF = b"\r\n"

_KIND_LABELS = dict(SessionKind.choices)
_ROLE_LABELS = dict(SpeakerRole.choices)
# C0 and C1 controls, DEL and bidi overrides: removed from every text value.
# Newlines are kept only where a value may span lines (DESCRIPTION).
_SINGLE_LINE = {**CONTROLS_TABLE, ord("\n"): " ", ord("\t"): " ", ord("\r"): " "}
_MULTI_LINE = {**CONTROLS_TABLE, ord("\t"): None}


def calendar_uid(obj):
    """The iCalendar UID of a session or event: stored, so it never changes."""
    return f"{obj.calendar_uid}@{UID_DOMAIN}"


def calendar_uuid_for(uid):
    """The `calendar_uid` a session imported with iCalendar UID `uid` gets.

    Our own exported UIDs (`<uuid>@recap`) and bare UUIDs map back to that
    UUID; any other tool's UID (pretalx, Sessionize, Google...) to a UUID5 of
    it, so importing the same file again finds the same sessions."""
    uid = (uid or "").strip()
    local, _, domain = uid.rpartition("@")
    for candidate in (local if domain == UID_DOMAIN else None, uid):
        if candidate:
            try:
                return uuid.UUID(candidate)
            except ValueError:
                pass
    return uuid.uuid5(IMPORTED_UID_NAMESPACE, uid)


def single_line_text(value):
    """A plain-text value on one line, without control characters. Titles,
    rooms and venues are plain text already (not markup), so only controls
    are removed; stripping markup would eat a literal "<canvas>" in a title."""
    return " ".join(str(value or "").translate(_SINGLE_LINE).split())


def multi_line_text(value):
    return str(value or "").translate(_MULTI_LINE).strip()


def fold_line(line):
    """Fold one content line at 75 octets (RFC 5545 3.1), never inside a
    UTF-8 sequence."""
    if len(line) <= 75:
        return line
    parts, start, limit, size = [], 0, 75, len(line)
    while start < size:
        end = min(start + limit, size)
        while end < size and line[end] & 0xC0 == 0x80:
            end -= 1
        parts.append(line[start:end])
        start, limit = end, 74
    return b"\r\n ".join(parts)


def _content_lines(lines):
    # Most lines are short: the length test inline spares a call per line.
    return b"".join((line if len(line) <= 75 else fold_line(line)) + CRLF for line in lines if line)


def escape_text(value):
    """A TEXT value escaped as RFC 5545 3.3.11 requires (what icalendar's
    vText does, without building a property object per value)."""
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _text(name, value):
    return name + b":" + escape_text(value).encode()


def _utc(value):
    return value.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ").encode()


def _local(name, value, zone):
    local = timezone.localtime(value, zone).strftime("%Y%m%dT%H%M%S")
    return b"%s;TZID=%s:%s" % (name, zone.key.encode(), local.encode())


@lru_cache(maxsize=128)
def timezone_component(zone_name, first_date, last_date):
    """The VTIMEZONE of an IANA zone for a range of dates (built by icalendar)."""
    zone = zoneinfo.ZoneInfo(zone_name)
    return Timezone.from_tzinfo(
        zone, tzid=zone_name, first_date=first_date, last_date=last_date
    ).to_ical()


def calendar_head(name, zone_names, first, last, default_zone=None):
    """BEGIN:VCALENDAR, the calendar's properties and its VTIMEZONEs."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", single_line_text(name))
    calendar.add("name", single_line_text(name))
    if default_zone:
        calendar.add("x-wr-timezone", default_zone)
    calendar.add("refresh-interval", REFRESH_INTERVAL, parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", vDuration(REFRESH_INTERVAL))
    head = calendar.to_ical().split(b"END:VCALENDAR")[0]
    if first and last:
        first_date = (first - TIMEZONE_MARGIN).date()
        last_date = (last + TIMEZONE_MARGIN).date()
        for zone_name in sorted(zone_names):
            head += timezone_component(zone_name, first_date, last_date)
    return head


def modified_at(*pages):
    """When the newest of `pages` was last published (DTSTAMP, LAST-MODIFIED)."""
    stamps = [
        page.last_published_at or page.first_published_at
        for page in pages
        if page.last_published_at or page.first_published_at
    ]
    return max(stamps) if stamps else None


def _geo(event):
    if event.latitude is None or event.longitude is None:
        return None
    return b"GEO:" + vGeo((float(event.latitude), float(event.longitude))).to_ical().encode()


def _categories(names):
    names = [single_line_text(name) for name in names]
    names = [escape_text(name) for name in names if name]
    return b"CATEGORIES:" + ",".join(names).encode() if names else None


@dataclass
class EventParts:
    """What every session of one event shares, worked out once per feed."""

    event: object
    url: str
    zone: zoneinfo.ZoneInfo
    venue: list
    geo: bytes | None
    cancelled: bool
    modified: dt.datetime | None = None
    # DTSTART/DTEND values already written: a programme's sessions share
    # their start and end times, so each is formatted once (bounded).
    _local_times: dict = field(default_factory=dict, repr=False)

    @classmethod
    def of(cls, event, url):
        return cls(
            event=event,
            url=url,
            modified=modified_at(event),
            zone=event.tz,
            venue=[
                text
                for text in map(
                    single_line_text,
                    (event.venue_name, event.venue_address, event.city, event.country),
                )
                if text
            ],
            geo=_geo(event),
            cancelled=event.status == EventStatus.CANCELLED,
        )

    def local(self, name, value):
        key = (name, value)
        line = self._local_times.get(key)
        if line is None:
            line = _local(name, value, self.zone)
            if len(self._local_times) < 4096:
                self._local_times[key] = line
        return line

    def location(self, room):
        parts = [single_line_text(room), *self.venue] if room else self.venue
        line = ", ".join(part for part in parts if part)
        return line or single_line_text(self.event.online_url)


def session_vevent(session, parts, speakers, topics, abstract_text):
    """The VEVENT of one session (bytes, folded, CRLF). `session` is a row
    with the attribute names of `calendar_feeds.SESSION_FIELDS`, `published`
    being when the session was last (or first) published."""
    event = parts.event
    stamps = [stamp for stamp in (session.published, parts.modified) if stamp]
    modified = _utc(max(stamps) if stamps else session.start)
    cancelled = session.status == SessionStatus.CANCELLED or parts.cancelled
    url = f"{parts.url}{session.slug}/"
    description = [abstract_text] if abstract_text else []
    if speakers:
        names = ", ".join(
            f"{single_line_text(name)} ({_ROLE_LABELS.get(role, role)})" for name, role in speakers
        )
        description.append(gettext("Speakers: %(speakers)s") % {"speakers": names})
    description.append(url)
    lines = [
        b"BEGIN:VEVENT",
        _text(b"UID", calendar_uid(session)),
        b"DTSTAMP:" + modified,
        parts.local(b"DTSTART", session.start),
        parts.local(b"DTEND", session.end),
        _text(b"SUMMARY", single_line_text(session.title)),
        _text(b"DESCRIPTION", "\n\n".join(description)),
        b"URL:" + url.encode(),
        _text(b"LOCATION", parts.location(session.room_name)),
        parts.geo,
        _categories([_KIND_LABELS.get(session.kind, session.kind), *topics]),
        b"LAST-MODIFIED:" + modified,
        # Both numbers only ever grow; the event's grows when its venue or
        # status changes, which changes this session's LOCATION or STATUS.
        b"SEQUENCE:%d" % (session.sequence + event.sequence),
        b"STATUS:CANCELLED" if cancelled else b"STATUS:CONFIRMED",
        b"END:VEVENT",
    ]
    return _content_lines(lines)


def event_vevent(event, event_url, topics):
    """The VEVENT of a whole event (the site-wide upcoming calendar)."""
    zone = event.tz
    modified = modified_at(event) or event.start
    status = {
        EventStatus.CANCELLED: b"STATUS:CANCELLED",
        EventStatus.POSTPONED: b"STATUS:TENTATIVE",
    }.get(event.status, b"STATUS:CONFIRMED")
    description = [text for text in (multi_line_text(event.intro_text), event_url) if text]
    lines = [
        b"BEGIN:VEVENT",
        _text(b"UID", calendar_uid(event)),
        b"DTSTAMP:" + _utc(modified),
        _local(b"DTSTART", event.start, zone),
        _local(b"DTEND", event.end, zone),
        _text(b"SUMMARY", single_line_text(event.title)),
        _text(b"DESCRIPTION", "\n\n".join(description)),
        b"URL:" + event_url.encode(),
        _text(b"LOCATION", EventParts.of(event, event_url).location("")),
        _geo(event),
        _categories(topics),
        b"LAST-MODIFIED:" + _utc(modified),
        b"SEQUENCE:%d" % event.sequence,
        status,
        b"END:VEVENT",
    ]
    return _content_lines(lines)
