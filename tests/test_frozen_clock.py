"""RECAP_FROZEN_NOW runs the session from a given instant (tests/conftest.py)."""

import datetime as dt
import threading
import time

import pytest
from django.utils import timezone

from tests.conftest import FROZEN_NOW, frozen_now

# The session started at the instant and the clock ticks on: a whole suite
# takes minutes, never hours.
SESSION_LENGTH = dt.timedelta(hours=1)


def test_frozen_now_reads_an_iso_timestamp_in_utc_unless_it_names_a_zone(monkeypatch):
    monkeypatch.setenv(FROZEN_NOW, "2028-02-29T23:59:00")
    assert frozen_now() == dt.datetime(2028, 2, 29, 23, 59, tzinfo=dt.UTC)

    monkeypatch.setenv(FROZEN_NOW, "2027-03-28T01:59:00+01:00")
    assert frozen_now() == dt.datetime(2027, 3, 28, 0, 59, tzinfo=dt.UTC)

    monkeypatch.setenv(FROZEN_NOW, "")
    assert frozen_now() is None


@pytest.mark.skipif(frozen_now() is None, reason=f"{FROZEN_NOW} is not set: the real clock runs")
def test_every_clock_reads_the_frozen_instant_threads_included():
    instant = frozen_now()
    seen = {}

    def read_clocks():
        seen["thread"] = timezone.now()

    thread = threading.Thread(target=read_clocks)
    thread.start()
    thread.join()

    readings = {
        "timezone.now": timezone.now(),
        "datetime.now": dt.datetime.now(dt.UTC),
        "time.time": dt.datetime.fromtimestamp(time.time(), dt.UTC),
        "date.today": dt.datetime.combine(dt.date.today(), dt.time(), tzinfo=dt.UTC),
        "thread": seen["thread"],
    }
    for clock, reading in readings.items():
        if clock == "date.today":
            # The local date: at most a day either side of the instant's UTC date.
            assert abs(reading.date() - instant.date()) <= dt.timedelta(days=1), clock
        else:
            assert instant <= reading < instant + SESSION_LENGTH, (clock, reading)
