"""The reference site's home page: happening now, upcoming, latest write-ups, past."""

import datetime as dt

import pytest
from django.utils import timezone
from lxml import html
from wagtail.models import Page, Site

from home.models import HomePage
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SpeakerFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def home_page():
    root = Page.get_first_root_node()
    home = HomePage(title="Recap", slug="recap-home", intro="<p>What was said at conferences.</p>")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    return home


@pytest.fixture
def event_index(home_page):
    return EventIndexPageFactory(parent=home_page)


def event(event_index, title, starts_in, **kwargs):
    start = timezone.now() + starts_in
    return EventPageFactory(
        parent=event_index, title=title, start=start, end=start + dt.timedelta(hours=4), **kwargs
    )


def section_text(document, heading_id):
    sections = document.xpath(f'//section[@aria-labelledby="{heading_id}"]')
    return sections[0].text_content() if sections else ""


def test_home_page_lists_upcoming_and_past_events_in_their_sections(client, event_index):
    event(event_index, "Spring Comms Day", dt.timedelta(days=10))
    event(event_index, "Autumn Comms Day", -dt.timedelta(days=40))

    response = client.get("/")

    assert response.status_code == 200
    document = html.fromstring(response.content)
    assert "Spring Comms Day" in section_text(document, "home-upcoming-heading")
    assert "Autumn Comms Day" not in section_text(document, "home-upcoming-heading")
    assert "Autumn Comms Day" in section_text(document, "home-past-heading")
    assert "What was said at conferences." in response.content.decode()


def test_home_page_shows_an_event_on_now_as_happening_now(client, event_index):
    event(event_index, "Breakfast Briefing", -dt.timedelta(hours=1))
    event(event_index, "Next Month Forum", dt.timedelta(days=30))

    document = html.fromstring(client.get("/").content)

    happening = section_text(document, "home-on-now-heading")
    assert "Breakfast Briefing" in happening
    assert "Next Month Forum" not in happening


def test_home_page_has_no_happening_now_section_when_nothing_is_on(client, event_index):
    event(event_index, "Next Month Forum", dt.timedelta(days=30))

    document = html.fromstring(client.get("/").content)

    assert section_text(document, "home-on-now-heading") == ""


def test_home_page_lists_the_latest_write_ups_with_their_author(client, home_page):
    index = WriteUpIndexPageFactory(parent=home_page)
    author = SpeakerFactory(name="Rosa Quill")
    WriteUpPageFactory(parent=index, title="What the panel said", author=author)

    document = html.fromstring(client.get("/").content)

    latest = section_text(document, "home-writeups-heading")
    assert "What the panel said" in latest
    assert "Rosa Quill" in latest


def test_home_page_says_so_when_there_is_nothing_yet(client, home_page):
    document = html.fromstring(client.get("/").content)

    assert "No upcoming events yet." in section_text(document, "home-upcoming-heading")
    assert "No write-ups yet." in section_text(document, "home-writeups-heading")


@pytest.mark.parametrize("count", [5, 25])
def test_home_page_queries_do_not_grow_with_events(
    client, event_index, count, django_assert_max_num_queries
):
    for n in range(count):
        event(event_index, f"Event {n}", dt.timedelta(days=n - count // 2, hours=1), revision=False)

    with django_assert_max_num_queries(20):
        response = client.get("/")

    assert response.status_code == 200
