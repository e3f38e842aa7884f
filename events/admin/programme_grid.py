"""The admin programme as a grid: a table per day, a row per time slot and a
column per room, each session a cell spanning its duration (HTML's rowspan
and colspan: no script, no inline style, which the CSP forbids), marked with
what the programme checks say about it.

As pretalx's and Sessionize's schedule builders draw it:

- rows: the day's distinct start and end times, in the event's zone; a
  session spans the rows from its start to its end;
- columns: the event's rooms in their order; a room with overlapping
  sessions (a clash) gets a lane per overlapping session, so both stay
  visible side by side under the room's name;
- a session without a room spans every room when nothing else is on at that
  time (a keynote, lunch); otherwise it goes to a "No room" column first;
- on a narrow screen the stylesheet lays the same table out as a list in
  time order (each cell names its time and room), so nothing needs script.
"""

from collections import OrderedDict
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

COVERED = object()  # a cell under a session that spans it


@dataclass
class Entry:
    """A session as the grid shows it."""

    session: object
    start: object  # local times, in the event's zone
    end: object
    speakers: list  # [(name, role label or "")]
    labels: list = field(default_factory=list)  # what the checks say, as text
    room_name: str = ""

    def overlaps(self, other):
        return self.start < other.end and other.start < self.end


@dataclass
class Cell:
    entry: object = None  # None: an empty slot
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Column:
    label: str
    lanes: list  # [[Entry]], one list per lane


def warning_labels(warnings):
    """{session pk: [label]}: the programme checks' warnings, as short text
    labels on the sessions they name."""
    labels = {}
    for warning in warnings:
        for session in warning.sessions:
            others = [s.title for s in warning.sessions if s.pk != session.pk]
            if warning.check == "room_clash":
                text = _("Room clash with “%(other)s”") % {"other": ", ".join(others)}
            elif warning.check == "speaker_clash":
                text = _("Speaker clash: %(speaker)s is also in “%(other)s”") % {
                    "speaker": warning.subject,
                    "other": ", ".join(others),
                }
            elif warning.check == "no_speakers":
                text = _("No speakers")
            elif warning.check == "no_moderator":
                text = _("Panel without a moderator")
            elif warning.check == "outside_event":
                text = _("Outside the event's dates")
            else:  # pragma: no cover - a check added without a label
                text = warning.message
            labels.setdefault(session.pk, []).append({"check": warning.check, "text": text})
    return labels


def entries(event, sessions, labels):
    """The sessions (with their `room` and `speaker_links`) as Entries."""
    result = []
    for session in sessions:
        speakers = [
            (
                link.speaker.name,
                link.get_role_display() if link.role and link.role != "speaker" else "",
            )
            for link in session.speaker_links.all()
        ]
        result.append(
            Entry(
                session=session,
                start=timezone.localtime(session.start, event.tz),
                end=timezone.localtime(session.end, event.tz),
                speakers=speakers,
                labels=labels.get(session.pk, []),
                room_name=session.room.name if session.room_id else "",
            )
        )
    return result


def _lanes(day_entries):
    """Interval partitioning: each entry in the first lane free at its start."""
    lanes = []
    for entry in sorted(day_entries, key=lambda e: (e.start, e.end, e.session.pk)):
        for lane in lanes:
            if lane[-1].end <= entry.start:
                lane.append(entry)
                break
        else:
            lanes.append([entry])
    return lanes


def day_grid(day_entries, rooms):
    """One day: {"columns", "rows"} where rows are [(time, [Cell])] and a
    covered slot has no cell."""
    by_room = OrderedDict((room.pk, []) for room in rooms)
    roomless = []
    for entry in day_entries:
        room_id = entry.session.room_id
        if room_id is None:
            roomless.append(entry)
        else:
            by_room.setdefault(room_id, []).append(entry)
    roomed = [entry for entry in day_entries if entry.session.room_id is not None]
    spanning, apart = [], []
    for entry in roomless:
        alone = not any(entry.overlaps(other) for other in roomed) and not any(
            entry.overlaps(other) for other in roomless if other is not entry
        )
        (spanning if alone else apart).append(entry)
    names = {room.pk: room.name for room in rooms}
    columns = []
    if apart:
        columns.append(Column(_("No room"), _lanes(apart)))
    for room_id, room_entries in by_room.items():
        if room_entries or room_id in names:
            lanes = _lanes(room_entries) or [[]]
            label = names.get(room_id) or room_entries[0].room_name
            columns.append(Column(label, lanes))
    if not columns:
        columns.append(Column(_("All rooms"), [[]]))
    width = sum(len(column.lanes) for column in columns)

    times = sorted({e.start for e in day_entries} | {e.end for e in day_entries})
    slot = {time: n for n, time in enumerate(times)}
    height = max(len(times) - 1, 1)
    grid = [[None] * width for _ in range(height)]

    def place(entry, first_lane, span):
        top = slot[entry.start]
        bottom = max(slot[entry.end], top + 1)
        for row in range(top, bottom):
            for lane in range(first_lane, first_lane + span):
                grid[row][lane] = COVERED
        grid[top][first_lane] = Cell(entry, rowspan=bottom - top, colspan=span)

    lane_no = 0
    for column in columns:
        for lane in column.lanes:
            for entry in lane:
                place(entry, lane_no, 1)
            lane_no += 1
    for entry in spanning:
        place(entry, 0, width)

    rows = []
    for n in range(height):
        cells = [cell or Cell() for cell in grid[n] if cell is not COVERED]
        rows.append({"time": times[n] if times else None, "cells": cells})
    return {"columns": columns, "rows": rows, "width": width}


def programme_grid(event, sessions, rooms, labels):
    """[{"date", "grid", "entries"}] a day at a time, in the event's zone."""
    days = OrderedDict()
    for entry in entries(event, sessions, labels):
        days.setdefault(entry.start.date(), []).append(entry)
    return [
        {"date": date, "grid": day_grid(day_entries, rooms), "entries": day_entries}
        for date, day_entries in days.items()
    ]
