"""The demo's events dated from today: at plausible hours, and movable later."""

import datetime as dt
import io
import zoneinfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from home.demo import DemoLoader
from recap.events.models import EventPage, SessionPage

# Runs the demo command itself (left out of CI's Django 6.1 leg).
pytestmark = pytest.mark.demo_command

UTC = dt.UTC


# Winter and summer, the days clocks change in Europe (2027-03-28 and
# 2026-10-25) and 29 February; every hour, at minutes on both sides of a half
# hour and just before the hour.
@pytest.mark.parametrize(
    "day",
    [
        dt.date(2027, 1, 15),
        dt.date(2027, 7, 15),
        dt.date(2027, 3, 28),
        dt.date(2026, 10, 25),
        dt.date(2028, 2, 29),
    ],
)
def test_demo_live_event_sits_in_working_hours_whatever_the_hour(day):
    for hour in range(24):
        for minute in (0, 29, 30, 37, 58, 59):
            now = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=UTC)

            slug, fields, sessions = next(DemoLoader(now=now).dated_events())

            zone = zoneinfo.ZoneInfo(fields["time_zone"])
            start, end = fields["start"].astimezone(zone), fields["end"].astimezone(zone)
            assert slug == "comms-breakfast-club"
            assert (start.time(), end.time()) == (dt.time(9, 0), dt.time(17, 30)), now
            assert start <= now < end, now
            assert all(start <= s["start"] < s["end"] <= end for s in sessions), now
            assert any(s["start"] <= now < s["end"] for s in sessions), now
            assert any(s["start"] > now for s in sessions), now


@pytest.mark.parametrize("minute", [0, 1, 29, 30, 31, 58, 59])
def test_demo_session_on_now_has_begun_and_stays_open_long_after_the_load(minute):
    """A test (or a visitor) that asks a question minutes after the demo is
    loaded finds the session still on, whatever the minute it was loaded at."""
    now = dt.datetime(2027, 1, 15, 9, minute, tzinfo=UTC)

    _slug, _fields, sessions = next(DemoLoader(now=now).dated_events())

    on_now = next(s for s in sessions if s["slug"] == "ask-me-anything-social")
    assert now - on_now["start"] >= dt.timedelta(minutes=30)
    assert on_now["end"] - now >= dt.timedelta(minutes=90)


def test_demo_live_event_prefers_london_when_london_is_at_work():
    now = dt.datetime(2027, 1, 15, 11, 0, tzinfo=UTC)

    _slug, fields, _sessions = next(DemoLoader(now=now).dated_events())

    assert fields["city"] == "London"


def refresh_dates():
    out = io.StringIO()
    call_command("load_demo", "--refresh-dates", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_load_demo_refresh_dates_moves_only_the_live_and_upcoming_events():
    loaded_at = timezone.now() - dt.timedelta(days=40, hours=7)
    DemoLoader(now=loaded_at).run()
    past = {
        slug: EventPage.objects.get(slug=slug).start
        for slug in ("open-channels-live", "b2b-commons-evening", "intranet-lab")
    }
    past_session = SessionPage.objects.get(slug="inside-out").start
    now = timezone.now()
    assert not EventPage.objects.filter(start__lte=now, end__gte=now).exists()

    output = refresh_dates()

    assert "moved" in output
    live = EventPage.objects.get(start__lte=now, end__gte=now)
    assert live.slug == "comms-breakfast-club"
    sessions = SessionPage.objects.child_of(live)
    assert sessions.filter(start__lte=now, end__gt=now).exists()
    assert sessions.filter(start__gt=now).exists()
    assert EventPage.objects.filter(start__gt=now).count() >= 2
    for slug in ("ic-forum-north", "employee-voice-summit"):
        event = EventPage.objects.get(slug=slug)
        assert event.start > now
        assert all(event.start <= s.start for s in SessionPage.objects.child_of(event))
        # The admin's editor shows the new dates: the latest revision has them.
        assert event.get_latest_revision_as_object().start == event.start
    assert {slug: EventPage.objects.get(slug=slug).start for slug in past} == past
    assert SessionPage.objects.get(slug="inside-out").start == past_session


@pytest.mark.django_db
def test_load_demo_refresh_dates_twice_moves_nothing():
    # One instant for the load and both refreshes: a half hour passing in
    # between would rightly move the event on now.
    with time_machine.travel(timezone.now(), tick=False):
        DemoLoader().run()

        first = refresh_dates()
        second = refresh_dates()

    assert "nothing to move" in first
    assert "nothing to move" in second
