import datetime as dt

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from lxml import etree

from recap.writeups.models import WriteUpSession, WriteUpSpeaker, WriteUpTopic
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    TopicFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
)

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_titles(response):
    assert response.status_code == 200
    return [item.findtext("title") for item in etree.fromstring(response.content).iter("item")]


def atom_titles(response):
    assert response.status_code == 200
    root = etree.fromstring(response.content)
    return [entry.findtext(f"{ATOM}title") for entry in root.iter(f"{ATOM}entry")]


def test_site_rss_lists_published_writeups_newest_first(client):
    index = WriteUpIndexPageFactory()
    WriteUpPageFactory(parent=index, title="Older", date=dt.date(2026, 1, 5))
    WriteUpPageFactory(parent=index, title="Newer", date=dt.date(2026, 3, 5))
    draft = WriteUpPageFactory(parent=index, title="Draft")
    draft.unpublish()

    response = client.get(index.url + "feed/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert rss_titles(response) == ["Newer", "Older"]


def test_site_atom_lists_writeups_with_author(client):
    index = WriteUpIndexPageFactory()
    author = SpeakerFactory(name="Ada Okafor")
    WriteUpPageFactory(parent=index, title="What the panel said", author=author)

    response = client.get(index.url + "feed/atom/")

    assert atom_titles(response) == ["What the panel said"]
    root = etree.fromstring(response.content)
    assert root.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text == "Ada Okafor"


def test_speaker_feed_lists_writeups_by_or_featuring_the_speaker(client):
    ada = SpeakerFactory(name="Ada Okafor", slug="ada-okafor")
    by_ada = WriteUpPageFactory(title="By Ada", author=ada)
    featuring = WriteUpPageFactory(title="Featuring Ada")
    WriteUpSpeaker.objects.create(page=featuring, speaker=ada)
    WriteUpPageFactory(title="Someone else")

    rss = client.get("/feeds/speakers/ada-okafor/rss/")
    atom = client.get("/feeds/speakers/ada-okafor/atom/")

    assert sorted(rss_titles(rss)) == ["By Ada", "Featuring Ada"]
    assert sorted(atom_titles(atom)) == ["By Ada", "Featuring Ada"]
    assert by_ada.pk


def test_topic_feed_lists_writeups_with_the_topic_and_names_categories(client):
    topic = TopicFactory(name="Internal comms", slug="internal-comms")
    tagged = WriteUpPageFactory(title="On internal comms")
    WriteUpTopic.objects.create(tag=topic, content_object=tagged)
    WriteUpPageFactory(title="Off topic")

    response = client.get("/feeds/topics/internal-comms/rss/")

    assert rss_titles(response) == ["On internal comms"]
    assert b"<category>Internal comms</category>" in response.content


def test_event_feed_lists_writeups_about_the_event_or_its_sessions(client):
    event = EventPageFactory()
    session = SessionPageFactory(parent=event)
    WriteUpPageFactory(title="About the event", event=event)
    about_session = WriteUpPageFactory(title="About a session")
    WriteUpSession.objects.create(page=about_session, session=session)
    WriteUpPageFactory(title="Elsewhere", event=EventPageFactory())

    response = client.get(f"/feeds/events/{event.pk}/atom/")

    assert sorted(atom_titles(response)) == ["About a session", "About the event"]


def test_writeup_covering_two_events_is_in_both_event_feeds(client):
    conference, evening = EventPageFactory(), EventPageFactory()
    WriteUpPageFactory(title="A day and an evening", events=[conference, evening])
    WriteUpPageFactory(title="Only the conference", event=conference)

    conference_feed = atom_titles(client.get(f"/feeds/events/{conference.pk}/atom/"))
    evening_feed = rss_titles(client.get(f"/feeds/events/{evening.pk}/rss/"))

    assert sorted(conference_feed) == ["A day and an evening", "Only the conference"]
    assert evening_feed == ["A day and an evening"]


def feed_title_and_description(response):
    channel = etree.fromstring(response.content).find("channel")
    return channel.findtext("title"), channel.findtext("description")


def test_feeds_are_titled_and_described_for_what_they_hold(client, settings):
    settings.WAGTAIL_SITE_NAME = "Comms Conferences"
    index = WriteUpIndexPageFactory(title="Write-ups")
    SpeakerFactory(name="Maya Ellison", slug="maya-ellison")
    TopicFactory(name="Social media", slug="social-media")
    event = EventPageFactory(title="Open Channels Live")

    site = feed_title_and_description(client.get(index.url + "feed/rss/"))
    speaker = feed_title_and_description(client.get("/feeds/speakers/maya-ellison/rss/"))
    topic = feed_title_and_description(client.get("/feeds/topics/social-media/rss/"))
    about_event = feed_title_and_description(client.get(f"/feeds/events/{event.pk}/rss/"))

    assert site == (
        "Write-ups · Comms Conferences",
        "The newest write-ups published on Comms Conferences.",
    )
    assert speaker == (
        "Write-ups featuring Maya Ellison · Comms Conferences",
        "The newest write-ups by or featuring Maya Ellison, on Comms Conferences.",
    )
    assert topic == (
        "Write-ups on Social media · Comms Conferences",
        "The newest write-ups on Social media, on Comms Conferences.",
    )
    assert about_event == (
        "Write-ups about Open Channels Live · Comms Conferences",
        "The newest write-ups about Open Channels Live and its sessions, on Comms Conferences.",
    )


def test_feed_for_unknown_speaker_is_not_found(client):
    assert client.get("/feeds/speakers/nobody/rss/").status_code == 404


def test_feed_escapes_markup_in_titles_and_strips_it_from_intros(client):
    index = WriteUpIndexPageFactory()
    WriteUpPageFactory(
        parent=index, title="<script>alert(1)</script>", intro="<p>Intro <b>bold</b></p>"
    )

    response = client.get(index.url + "feed/rss/")

    assert b"<script>" not in response.content
    assert b"&lt;script&gt;alert(1)&lt;/script&gt;" in response.content
    assert b"<description>Intro bold</description>" in response.content


def test_feed_alternates_announce_rss_and_atom_for_a_speaker():
    speaker = SpeakerFactory(slug="ada-okafor", name="Ada Okafor")

    html = Template(
        '{% include "recap_writeups/includes/feed_alternates.html" with feed_object=speaker %}'
    ).render(Context({"speaker": speaker, "request": RequestFactory().get("/")}))

    assert (
        '<link rel="alternate" type="application/rss+xml" '
        'title="Write-ups featuring Ada Okafor (RSS)" href="/feeds/speakers/ada-okafor/rss/">'
    ) in html
    assert 'type="application/atom+xml"' in html


def test_feed_alternates_default_to_the_page_for_the_writeup_index():
    index = WriteUpIndexPageFactory()

    html = Template('{% include "recap_writeups/includes/feed_alternates.html" %}').render(
        Context({"page": index, "request": RequestFactory().get("/")})
    )

    assert f'href="{index.url}feed/rss/"' in html
    assert f'href="{index.url}feed/atom/"' in html


@pytest.mark.parametrize("count", [5, 25])
def test_feeds_query_count_is_constant(client, django_assert_max_num_queries, count):
    index = WriteUpIndexPageFactory()
    speaker = SpeakerFactory(slug="ada-okafor")
    topic = TopicFactory(slug="internal-comms")
    event = EventPageFactory()
    for _ in range(count):
        writeup = WriteUpPageFactory(parent=index, author=speaker, event=event, revision=False)
        WriteUpTopic.objects.create(tag=topic, content_object=writeup)

    for url in (
        index.url + "feed/rss/",
        "/feeds/speakers/ada-okafor/atom/",
        "/feeds/topics/internal-comms/rss/",
        f"/feeds/events/{event.pk}/rss/",
    ):
        # +1: the content version, read from the database once per request (recap.core.versioning).
        with django_assert_max_num_queries(11):
            response = client.get(url)
        assert response.status_code == 200


def test_feed_served_again_comes_from_the_cache_and_follows_a_publish(
    client, django_assert_max_num_queries
):
    index = WriteUpIndexPageFactory()
    WriteUpPageFactory(parent=index, title="First thoughts")
    url = index.url + "feed/rss/"
    first = client.get(url)

    # +1: the content version, read from the database once per request (recap.core.versioning).
    with django_assert_max_num_queries(7):  # finding the index page; no feed query
        again = client.get(url)
    assert again.content == first.content
    assert client.get(url, headers={"If-None-Match": first["ETag"]}).status_code == 304

    WriteUpPageFactory(parent=index, title="Second thoughts", revision=True)

    assert "Second thoughts" in rss_titles(client.get(url))
