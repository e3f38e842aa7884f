"""A big event's programme a day per page (as pretalx's schedule shows one
day at a time), and a busy day in parts, so the event page costs the same
however big the event. Up to RECAP_PROGRAMME_DAY_PAGES_FROM sessions (300 by
default) the whole programme is on one page."""

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from recap.core.params import positive_int

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
