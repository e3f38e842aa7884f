import datetime as dt
import json
import re

import pytest
from wagtail.models import Page, Site

from recap.events.models import EventResource, EventTopic, SessionResource, SessionTopic
from recap.resources.models import ResourceLibraryPage, ResourceTopic, TopicIndexPage
from recap.writeups.models import WriteUpResource, WriteUpTopic
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpPageFactory,
    add_speaker,
    site_root,
)

pytestmark = pytest.mark.django_db


def add_page(model, **kwargs):
    page = model(**kwargs)
    site_root().add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


@pytest.fixture
def topics_page():
    return add_page(TopicIndexPage, title="Topics", slug="topics")


@pytest.fixture
def library():
    return add_page(ResourceLibraryPage, title="Resources", slug="resources")


@pytest.fixture
def topic():
    return TopicFactory(name="Internal comms", slug="internal-comms", description="Talking inside.")


def test_topic_index_lists_topics_with_links_and_item_list(client, topics_page, topic):
    ai = TopicFactory(name="AI", slug="ai")
    for tag in (topic, ai):  # only topics with something published are listed
        ResourceTopic.objects.create(tag=tag, content_object=ResourceFactory())

    response = client.get(topics_page.url)

    html = response.content.decode()
    assert '<a href="/topics/internal-comms/">Internal comms</a>' in html
    assert html.index(">AI<") < html.index(">Internal comms<")
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "ItemList"
    assert data["itemListElement"][1]["url"] == "http://testserver/topics/internal-comms/"


def test_topic_page_lists_tagged_events_sessions_writeups_and_resources(client, topics_page, topic):
    SpeakerIndexPageFactory()
    event = EventPageFactory(title="Summit on comms")
    EventTopic.objects.create(tag=topic, content_object=event)
    session = SessionPageFactory(parent=event, title="Who owns the channel?")
    SessionTopic.objects.create(tag=topic, content_object=session)
    add_speaker(session, SpeakerFactory(name="Ada Okafor"))
    writeup = WriteUpPageFactory(title="What the panel said")
    WriteUpTopic.objects.create(tag=topic, content_object=writeup)
    resource = ResourceFactory(title="IC maturity report")
    ResourceTopic.objects.create(tag=topic, content_object=resource)
    SessionPageFactory(parent=event, title="Untagged session")

    response = client.get("/topics/internal-comms/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Internal comms</h1>" in html
    assert f'<a href="{event.url}">Summit on comms</a>' in html
    assert f'<a href="{session.url}">Who owns the channel?</a>' in html
    assert '<a href="/speakers/ada-okafor/">Ada Okafor</a>' in html
    assert f'<a href="{writeup.url}">What the panel said</a>' in html
    assert "IC maturity report" in html
    assert "Untagged session" not in html


def test_topic_page_offers_feeds_and_calendar(client, topics_page, topic):
    ResourceTopic.objects.create(tag=topic, content_object=ResourceFactory())

    html = client.get("/topics/internal-comms/").content.decode()

    assert 'href="/feeds/topics/internal-comms/rss/"' in html
    assert '<link rel="alternate" type="application/rss+xml"' in html
    assert '<link rel="alternate" type="text/calendar"' in html
    assert "/calendar/topics/internal-comms.ics" in html


def test_topic_page_leaves_out_drafts_and_has_item_list(client, topics_page, topic):
    event = EventPageFactory(title="Published event")
    EventTopic.objects.create(tag=topic, content_object=event)
    draft = EventPageFactory(title="Draft event")
    EventTopic.objects.create(tag=topic, content_object=draft)
    draft.unpublish()

    html = client.get("/topics/internal-comms/").content.decode()

    assert "Published event" in html
    assert "Draft event" not in html
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', html).group(1))
    assert [item["name"] for item in data["itemListElement"]] == ["Published event"]


def test_unknown_topic_is_not_found(client, topics_page):
    assert client.get("/topics/nothing-here/").status_code == 404


def test_resource_library_shows_publisher_date_and_external_link(client, library):
    ResourceFactory(
        title="Analyst article",
        url="https://example.org/analyst",
        publisher="Example Analysts",
        published_on=dt.date(2025, 11, 3),
    )

    html = client.get(library.url).content.decode()

    assert 'href="https://example.org/analyst" rel="noopener"' in html
    assert "Example Analysts" in html
    assert '<time datetime="2025-11-03">3 November 2025</time>' in html


def test_resource_library_links_back_to_sessions_speakers_and_writeups(client, library):
    SpeakerIndexPageFactory()
    resource = ResourceFactory(title="IC maturity report")
    speaker = SpeakerFactory(name="Ada Okafor")
    resource.speakers.add(speaker)
    resource.save()
    session = SessionPageFactory(title="Who owns the channel?")
    SessionResource.objects.create(page=session, resource=resource)
    writeup = WriteUpPageFactory(title="What the panel said")
    WriteUpResource.objects.create(page=writeup, resource=resource)

    html = client.get(library.url).content.decode()

    assert f'<a href="{session.url}">Who owns the channel?</a>' in html
    assert '<a href="/speakers/ada-okafor/">Ada Okafor</a>' in html
    assert f'<a href="{writeup.url}">What the panel said</a>' in html


def listed_titles(response):
    assert response.status_code == 200
    return re.findall(r'class="resource-list__title"[^>]*>([^<]+)<', response.content.decode())


def test_resource_library_filters_by_kind_and_topic(client, library, topic):
    ResourceFactory(title="A video", kind="video")
    tagged = ResourceFactory(title="Tagged article", kind="article")
    ResourceTopic.objects.create(tag=topic, content_object=tagged)
    ResourceFactory(title="Other article", kind="article")

    assert listed_titles(client.get(library.url + "?kind=video")) == ["A video"]
    assert listed_titles(client.get(library.url + "?topic=internal-comms")) == ["Tagged article"]


def test_resource_library_filters_by_event_and_speaker(client, library):
    event = EventPageFactory()
    session = SessionPageFactory(parent=event)
    speaker = SpeakerFactory(name="Ada Okafor", slug="ada-okafor")
    add_speaker(session, speaker)
    on_event = ResourceFactory(title="On the event")
    EventResource.objects.create(page=event, resource=on_event)
    on_session = ResourceFactory(title="On the session")
    SessionResource.objects.create(page=session, resource=on_session)
    ResourceFactory(title="Unrelated")

    by_event = listed_titles(client.get(library.url + f"?event={event.pk}"))
    by_speaker = listed_titles(client.get(library.url + "?speaker=ada-okafor"))

    assert sorted(by_event) == ["On the event", "On the session"]
    assert by_speaker == ["On the session"]


@pytest.mark.parametrize("count", [5, 25])
def test_topic_page_query_count_is_constant(
    client, topics_page, topic, django_assert_max_num_queries, count
):
    SpeakerIndexPageFactory()
    speaker = SpeakerFactory()
    event = EventPageFactory()
    EventTopic.objects.create(tag=topic, content_object=event)
    for _ in range(count):
        session = SessionPageFactory(parent=event, revision=False)
        SessionTopic.objects.create(tag=topic, content_object=session)
        add_speaker(session, speaker)
        writeup = WriteUpPageFactory(author=speaker, revision=False)
        WriteUpTopic.objects.create(tag=topic, content_object=writeup)
        resource = ResourceFactory()
        ResourceTopic.objects.create(tag=topic, content_object=resource)

    # Wagtail keeps its site root paths cached (an hour); with i18n, working
    # them out takes one query more (the root page's translations).
    Site.get_site_root_paths()

    # +1: the header's section links in the reader's language, read once per
    # content version (site/home/templatetags/site_tags.py); this cache is cold.
    # +2: Wagtail's own Locale lookups (routing's root_page.localized and the
    # section links' home.localized), no longer answered by a monkeypatch.
    with django_assert_max_num_queries(25):
        response = client.get("/topics/internal-comms/")

    assert response.status_code == 200


def test_topic_page_makes_the_same_queries_for_a_short_and_a_full_list(client, topics_page, topic):
    """Each list's total comes with its rows: no COUNT once a list is full
    (TOPIC_SECTION_LENGTH items), so a big site's page costs what a small one's does."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recap.resources.views import TOPIC_SECTION_LENGTH

    SpeakerIndexPageFactory()
    event = EventPageFactory()
    EventTopic.objects.create(tag=topic, content_object=event)
    Site.get_site_root_paths()

    def add(count):
        for _ in range(count):
            session = SessionPageFactory(parent=event)
            SessionTopic.objects.create(tag=topic, content_object=session)
            writeup = WriteUpPageFactory()
            WriteUpTopic.objects.create(tag=topic, content_object=writeup)
            ResourceTopic.objects.create(tag=topic, content_object=ResourceFactory())

    def queries():
        client.get("/topics/internal-comms/")  # warm the per-version caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/topics/internal-comms/")
        assert response.status_code == 200
        return len(captured), response.content.decode()

    add(2)
    short, _ = queries()
    add(TOPIC_SECTION_LENGTH)
    full, html = queries()

    assert full == short
    assert f"{TOPIC_SECTION_LENGTH + 2}" in html  # the totals are still shown


@pytest.mark.parametrize("count", [5, 25])
def test_resource_library_query_count_is_constant(
    client, library, topic, django_assert_max_num_queries, count
):
    SpeakerIndexPageFactory()
    speaker = SpeakerFactory()
    session = SessionPageFactory()
    writeup = WriteUpPageFactory()
    for _ in range(count):
        resource = ResourceFactory()
        resource.speakers.add(speaker)
        resource.save()
        ResourceTopic.objects.create(tag=topic, content_object=resource)
        SessionResource.objects.create(page=session, resource=resource)
        WriteUpResource.objects.create(page=writeup, resource=resource)

    url = library.url  # also warms Wagtail's site root paths, as on a live site
    # +1: the header's section links in the reader's language, read once per
    # content version (site/home/templatetags/site_tags.py); this cache is cold.
    # +2: Wagtail's own Locale lookups (routing's root_page.localized and the
    # section links' home.localized), no longer answered by a monkeypatch.
    # +1: the content version, read from the database once per request (recap.core.versioning).
    with django_assert_max_num_queries(26):
        response = client.get(url)

    assert len(listed_titles(response)) == min(count, 20)


def test_admin_topic_search_finds_topics_by_part_of_their_name(admin_client):
    TopicFactory(name="Social media", slug="social-media")
    TopicFactory(name="Measurement", slug="measurement")

    response = admin_client.get("/admin/snippets/recap_resources/topic/", {"q": "soci"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Social media" in html
    assert "Measurement" not in html
