"""Import a programme from an iCalendar file (pretalx, Sessionize, Sched,
Google Calendar, Outlook...), in three steps, one module each:

- `reading`: the file's bytes as neutral items (`read_calendar`); no
  database. A broken file raises `ImportRefused` with a message naming the
  problem and, where it can, the line and the UID.
- `planning`: what importing would create, update or skip, and why
  (`plan_import`), without writing anything: the admin preview and the
  command's dry run.
- `applying`: writes a plan in one transaction (`apply_import`).

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
  a programme's session happens once. Each skip states its reason, and a
  repeating item is described as repeating, from its first time.
- Kind: from CATEGORIES (pretalx, Sessionize), else from a kind named as the
  title's prefix ("Panel: ...", "Keynote: ...", "Workshop: ..."), else a
  talk. The prefix stays in the title: it is what the organiser printed, so
  nothing is lost and re-importing the same file finds the same title.
- Times: TZID of any name (IANA, Windows names such as "GMT Standard Time",
  custom VTIMEZONEs), UTC, and floating times read in the event's zone. A
  TZID that is none of these, or a time outside the years 1900 to 2199, is
  refused, naming the line.
- Rooms: LOCATION (without the venue our own exports append) names one of
  the event's rooms, matched whatever its case and spacing ("Main Hall" is
  the event's "Main hall"); a name the event has no room for becomes a new
  room, after the event's others.
- Text: SUMMARY and LOCATION become single lines; the description (the HTML
  of X-ALT-DESC when present, else DESCRIPTION) is cleaned to plain text by
  `recap.core.sanitize`. Speakers named by ATTENDEE/ORGANIZER CN or on a
  "Speakers:" line are linked when a Speaker of that name exists (no new
  speaker records, and no e-mail addresses are kept).
"""

from .applying import ImportResult, apply_import
from .planning import (
    CREATE,
    SKIP,
    UNCHANGED,
    UPDATE,
    ImportPlan,
    PlannedSession,
    describe,
    plan_import,
    preview_row,
)
from .reading import MAX_FILE_SIZE, ImportRefused, read_calendar, zone_by_name

__all__ = [
    "CREATE",
    "MAX_FILE_SIZE",
    "SKIP",
    "UNCHANGED",
    "UPDATE",
    "ImportPlan",
    "ImportRefused",
    "ImportResult",
    "PlannedSession",
    "apply_import",
    "describe",
    "plan_import",
    "preview_row",
    "read_calendar",
    "zone_by_name",
]
