"""Recap's URLs in a host's URLconf: the whole include, a prefix, route
groups one by one, and host routes placed after Recap's include."""

import pytest
from django.urls import reverse
from django.urls.exceptions import NoReverseMatch

from recap.urls.pages import page_file_names
from tests.factories import EventPageFactory, SessionPageFactory, SpeakerFactory, add_speaker

pytestmark = pytest.mark.django_db


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.fixture
def summit():
    event = EventPageFactory(title="Summit", slug="summit")
    session = SessionPageFactory(parent=event, title="Opening panel", slug="opening")
    add_speaker(session, SpeakerFactory(name="Ada Okafor", slug="ada-okafor"))
    return event


def test_page_file_names_are_the_routes_recap_pages_declare():
    assert page_file_names() == [
        "calendar.ics",
        "captions.vtt",
        "programme.ics",
        "schedule.json",
        "schedule.xml",
        "session.ics",
    ]


@pytest.mark.urls("tests.hostsite.urls_host")
@pytest.mark.parametrize("path", ["/sitemap.xml", "/robots.txt", "/exports/all.json"])
def test_host_routes_after_recap_include_answer(client, path):
    response = client.get(path)

    assert response.status_code == 200
    assert body(response) == f"host:{path}"


@pytest.mark.urls("tests.hostsite.urls_host")
def test_host_file_route_under_a_recap_page_answers(client, summit):
    # The folder is a Recap event's, the file name is not one Recap declares.
    response = client.get("/events/summit/export.ics")

    assert response.status_code == 200
    assert body(response) == "host:/events/summit/export.ics"


@pytest.mark.urls("tests.hostsite.urls_host")
def test_recap_file_routes_answer_beside_host_routes(client, summit):
    programme = client.get("/events/summit/programme.ics")
    session = client.get("/events/summit/opening/session.ics")
    schedule = client.get("/events/summit/schedule.json")

    assert programme.status_code == 200
    assert "Opening panel" in body(programme)
    assert session.status_code == 200
    assert schedule.status_code == 200
    assert client.get("/events/summit/other.ics").status_code == 404


@pytest.mark.urls("tests.hostsite.urls_prefixed")
def test_prefix_mount_serves_every_group_under_it(client, summit):
    assert reverse("recap_search") == "/conference/search/"
    assert reverse("recap_events:speaker_calendar", kwargs={"slug": "ada-okafor"}) == (
        "/conference/calendar/speakers/ada-okafor.ics"
    )

    calendar = client.get("/conference/calendar/speakers/ada-okafor.ics")
    assert calendar.status_code == 200
    assert "Opening panel" in body(calendar)
    assert client.get("/conference/search/?q=panel").status_code == 200
    assert client.get("/conference/feeds/speakers/ada-okafor/rss/").status_code == 200
    programme = client.get("/conference/events/summit/programme.ics")
    assert programme.status_code == 200
    # The host keeps the root's search/ for its own.
    assert body(client.get("/search/")) == "host:/search/"


@pytest.mark.urls("tests.hostsite.urls_groups")
def test_route_groups_taken_one_by_one(client, summit):
    calendar = client.get("/conference/calendar/speakers/ada-okafor.ics")
    feed = client.get("/conference/feeds/speakers/ada-okafor/rss/")
    programme = client.get("/events/summit/programme.ics")

    assert calendar.status_code == 200
    assert feed.status_code == 200
    assert programme.status_code == 200
    assert body(client.get("/search/")) == "host:/search/"
    assert body(client.get("/sitemap.xml")) == "host:/sitemap.xml"
    with pytest.raises(NoReverseMatch):
        reverse("recap_search")
