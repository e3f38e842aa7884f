"""A big event's programme is shown a day per page, with links to each day
(RECAP_PROGRAMME_DAY_PAGES_FROM sessions and more)."""

import datetime as dt
from unittest import mock

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from recap.events.models import SessionPage
from tests.factories import LONDON, EventPageFactory, event_room

pytestmark = pytest.mark.django_db


def three_day_event(start):
    """An event of three days with two sessions a day (built without revisions)."""
    event = EventPageFactory(start=start, end=start + dt.timedelta(days=2, hours=9))
    hall = event_room(event, "Hall A")
    for day in range(3):
        for slot in range(2):
            # Added in UTC: on the wall clock, the hour Europe's clocks skip in
            # spring would give a session a time that does not exist.
            begin = (start.astimezone(dt.UTC) + dt.timedelta(days=day, hours=slot + 1)).astimezone(
                start.tzinfo
            )
            event.add_child(
                instance=SessionPage(
                    title=f"Day {day + 1} session {slot + 1}",
                    slug=f"d{day + 1}-s{slot + 1}",
                    start=begin,
                    end=begin + dt.timedelta(minutes=45),
                    room=hall,
                    live=True,
                )
            )
    return event


def session_titles(response):
    tree = lxml_html.fromstring(response.content)
    return [a.text for a in tree.xpath("//p[@class='programme-entry__title']/a")]


def day_links(response):
    tree = lxml_html.fromstring(response.content)
    return [
        (a.get("href"), a.get("aria-current"))
        for a in tree.xpath("//nav[@class='programme__days']//a")
    ]


@pytest.fixture
def event():
    return three_day_event(dt.datetime(2030, 6, 10, 9, 0, tzinfo=LONDON))


def test_programme_under_the_threshold_is_one_page(client, settings, event):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 6

    response = client.get(event.url)

    assert len(session_titles(response)) == 6
    assert day_links(response) == []


def test_big_programme_shows_its_first_day_with_links_to_each_day(client, settings, event):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 5

    response = client.get(event.url)

    assert session_titles(response) == ["Day 1 session 1", "Day 1 session 2"]
    assert day_links(response) == [
        ("?day=2030-06-10#programme", "page"),
        ("?day=2030-06-11#programme", None),
        ("?day=2030-06-12#programme", None),
    ]


def test_big_programme_shows_the_day_asked_for(client, settings, event):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 5

    response = client.get(event.url, {"day": "2030-06-12", "view": "list"})

    assert session_titles(response) == ["Day 3 session 1", "Day 3 session 2"]
    assert ("?day=2030-06-12&view=list#programme", "page") in day_links(response)


def test_big_programme_shows_today_while_the_event_is_on(client, settings):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 5
    today = timezone.localtime(timezone.now(), LONDON).date()
    event = three_day_event(
        dt.datetime.combine(today - dt.timedelta(days=1), dt.time(0, 30), tzinfo=LONDON)
    )

    response = client.get(event.url)

    assert session_titles(response) == ["Day 2 session 1", "Day 2 session 2"]


@pytest.mark.parametrize("day", ["2030-06-13", "tomorrow", "2030-13-01"])
def test_big_programme_day_without_sessions_is_not_found(client, settings, event, day):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 5

    assert client.get(event.url, {"day": day}).status_code == 404


def test_busy_day_is_split_into_parts_with_links_from_their_first_time(client, settings, event):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 1

    response = client.get(event.url, {"day": "2030-06-10", "part": "2"})

    assert session_titles(response) == ["Day 1 session 2"]
    tree = lxml_html.fromstring(response.content)
    labels = [a.text for a in tree.xpath("//nav[@class='programme__days']//a")]
    assert labels[:2] == ["Monday 10 June, from 10:00", "Monday 10 June, from 11:00"]
    assert day_links(response)[1] == ("?day=2030-06-10&part=2#programme", "page")


def test_busy_day_shows_the_part_under_way(client, settings, event):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 1
    # Day 2's sessions start at 10:00 and 11:00; at 11:20 the second is under way.
    now = dt.datetime(2030, 6, 11, 11, 20, tzinfo=LONDON)

    with mock.patch("django.utils.timezone.now", return_value=now):
        response = client.get(event.url)

    assert session_titles(response) == ["Day 2 session 2"]


@pytest.mark.parametrize("part", ["3", "0", "x"])
def test_busy_day_part_that_does_not_exist_is_not_found(client, settings, event, part):
    settings.RECAP_PROGRAMME_DAY_PAGES_FROM = 1

    assert client.get(event.url, {"day": "2030-06-10", "part": part}).status_code == 404
