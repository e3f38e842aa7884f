"""While an event is on, its page and programme say what is under way
(issue 21): "Now on" in words on each running session, and the home's
"Happening now" link lands on the "Now and next" box."""

import datetime as dt

import pytest
from django.utils import timezone
from lxml import html

from tests.factories import EventPageFactory, SessionPageFactory
from tests.site import test_home

pytestmark = pytest.mark.django_db

# The home page's fixtures, for its "Happening now" link.
home_page = test_home.home_page
event_index = test_home.event_index


@pytest.fixture
def live_event():
    now = timezone.now()
    event = EventPageFactory(
        title="On today", start=now - dt.timedelta(hours=2), end=now + dt.timedelta(hours=6)
    )
    running = SessionPageFactory(
        parent=event,
        title="Under way",
        room="Room A",
        start=now - dt.timedelta(minutes=30),
        end=now + dt.timedelta(minutes=15),
    )
    later = SessionPageFactory(
        parent=event,
        title="Coming up",
        room="Room A",
        start=now + dt.timedelta(minutes=30),
        end=now + dt.timedelta(hours=1),
    )
    return event, running, later


def entry(doc, session):
    [link] = doc.xpath(f'//*[@id="programme"]//a[@id="session-{session.pk}"]')
    return link.xpath('ancestor::div[contains(@class, "programme-entry")]')[0]


@pytest.mark.parametrize("view", ["", "?view=list", "?view=grid"])
def test_programme_marks_the_running_session_now_on_in_words(client, live_event, view):
    event, running, later = live_event

    doc = html.fromstring(client.get(event.url + view).content.decode())

    assert "Now on" in entry(doc, running).text_content()
    assert "programme-entry--now" in entry(doc, running).get("class")
    assert "Now on" not in entry(doc, later).text_content()


def test_programme_marks_nothing_once_the_event_is_over(client):
    now = timezone.now()
    event = EventPageFactory(start=now - dt.timedelta(days=3), end=now - dt.timedelta(days=2))
    session = SessionPageFactory(parent=event, title="Long gone")

    doc = html.fromstring(client.get(event.url).content.decode())

    assert "Now on" not in entry(doc, session).text_content()


def test_the_now_on_mark_follows_the_clock_through_the_cache(client, live_event):
    import time_machine

    event, running, later = live_event
    client.get(event.url)  # cached with "Under way" running

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=40), tick=False):
        doc = html.fromstring(client.get(event.url).content.decode())

    assert "Now on" not in entry(doc, running).text_content()
    assert "Now on" in entry(doc, later).text_content()


def test_now_and_next_sits_where_the_home_links_to(client, live_event):
    event, running, later = live_event

    doc = html.fromstring(client.get(event.url).content.decode())

    box = doc.get_element_by_id("now-next")
    assert "Under way" in box.text_content()
    programme = doc.get_element_by_id("programme")
    assert box.getparent() is programme.getparent()
    assert box.getparent().index(box) < programme.getparent().index(programme)


def test_the_homes_happening_now_link_lands_on_now_and_next(client, event_index):
    on_now = test_home.event(event_index, "Breakfast Briefing", -dt.timedelta(hours=1))

    doc = html.fromstring(client.get("/").content.decode())

    [link] = doc.xpath('//*[@id="home-on-now-heading"]/following-sibling::ul//a')
    assert link.get("href") == f"{on_now.url}#now-next"
