"""The delegate's journey that reads the clock, in Chromium, at each instant
the suite must pass at whatever the wall clock says (docs/testing.md): the
event's "Now and next", asking a question on the session under way, and a
session that has just ended, its questions closed.

Each instant is a test of its own. The server's clock is moved there and
ticks on (time_machine; the live server's threads see it too), on top of the
instant a CI leg freezes the whole run at; the site's scripts read no clock
of the browser's. The event is in London, so the clocks changing in Europe
fall inside the journey: at 00:59 UTC on 25 October 2026 the session under
way started at 01:49 summer time and ends at 01:49 winter time."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone
from playwright.sync_api import expect

from recap.questions.models import DelegateQuestion
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

LONDON = ZoneInfo("Europe/London")
PHONE = {"width": 390, "height": 844}
QUESTION = "Who answers the questions sent after the session?"

INSTANTS = {
    # Two minutes before the hour, on a weekday.
    "wednesday-09:58": "2027-01-13T09:58:00+00:00",
    # The session under way ends after midnight, on a leap day.
    "23:59-into-29-february": "2028-02-28T23:59:00+00:00",
    # A Sunday; in London 01:59 summer time, then 01:00 winter time again.
    "sunday-clocks-go-back": "2026-10-25T00:59:00+00:00",
    # In London 00:59 winter time, then 02:00 summer time.
    "sunday-clocks-go-forward": "2027-03-28T00:59:00+00:00",
    "29-february-09:58": "2028-02-29T09:58:00+00:00",
}


@pytest.fixture(params=list(INSTANTS.values()), ids=list(INSTANTS))
def instant(request):
    at = dt.datetime.fromisoformat(request.param)
    with time_machine.travel(at, tick=True):
        yield at


def local_time(moment):
    return timezone.localtime(moment, LONDON).strftime("%H:%M")


@pytest.fixture
def day(instant):
    now = timezone.now()
    event = EventPageFactory(
        title="Comms at any hour",
        start=now - dt.timedelta(hours=2),
        end=now + dt.timedelta(hours=8),
    )
    sessions = {
        "ended": SessionPageFactory(
            parent=event,
            title="The session that just ended",
            start=now - dt.timedelta(minutes=55),
            end=now - dt.timedelta(minutes=15),
        ),
        "now": SessionPageFactory(
            parent=event,
            title="The session under way",
            start=now - dt.timedelta(minutes=10),
            end=now + dt.timedelta(minutes=50),
        ),
        "next": SessionPageFactory(
            parent=event,
            title="The session after it",
            start=now + dt.timedelta(minutes=60),
            end=now + dt.timedelta(minutes=120),
        ),
    }
    return event, sessions


def test_delegate_asks_on_the_session_under_way_at_any_hour(
    live_server, new_page, settings, instant, day
):
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    event, sessions = day
    page = new_page(**PHONE)

    # The event says what is on now and next, at London's time.
    page.goto(live_server.url + event.url)
    now_next = page.locator("#now-next")
    on_now = now_next.get_by_role("definition").filter(has_text=sessions["now"].title)
    expect(on_now).to_contain_text(f"until {local_time(sessions['now'].end)}")
    on_next = now_next.get_by_role("definition").filter(has_text=sessions["next"].title)
    expect(on_next).to_contain_text(f"at {local_time(sessions['next'].start)}")
    expect(now_next).not_to_contain_text(sessions["ended"].title)

    # The session under way takes the question, now.
    on_now.get_by_role("link", name=sessions["now"].title).click()
    ask = page.locator(".session__header").get_by_role("link", name="Ask a question")
    expect(ask).to_be_in_viewport()
    ask.click()
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator("#ask-outcome")).to_contain_text("A moderator will check it")
    asked = DelegateQuestion.objects.get(session=sessions["now"])
    assert dt.timedelta(0) <= asked.asked_at - instant < dt.timedelta(minutes=5)

    # The session that ended a quarter of an hour ago takes none.
    page.goto(live_server.url + sessions["ended"].url)
    expect(page.get_by_text("Questions for this session are closed.")).to_be_visible()
    expect(page.get_by_label("Your question")).to_have_count(0)
