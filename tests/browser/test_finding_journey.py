"""A reader searches for a speaker by name, opens the speaker's page, follows
a topic of one of their sessions, and subscribes to that topic's feed."""

import pytest
from lxml import etree
from playwright.sync_api import expect
from wagtail.models import Page
from wagtail.search.index import insert_or_update_object

from recap.events.models import SessionTopic
from recap.resources.models import TopicIndexPage
from recap.writeups.models import WriteUpTopic
from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpPageFactory,
    add_speaker,
    site_root,
)

pytestmark = pytest.mark.django_db(transaction=True)

SPEAKER = "Philippa Marchetti"
SESSION = "Who owns social media at work?"
TOPIC = "Employee advocacy"
WRITEUP = "What the advocacy panel taught us"


@pytest.fixture
def programme():
    SpeakerIndexPageFactory()
    topics = TopicIndexPage(title="Topics", slug="topics")
    site_root().add_child(instance=topics)
    topics.save_revision().publish()
    event = EventPageFactory(title="Open Channels Live")
    session = SessionPageFactory(parent=event, title=SESSION, kind="panel")
    speaker = SpeakerFactory(name=SPEAKER, organisation="Northwind Comms")
    add_speaker(session, speaker, role="panellist")
    topic = TopicFactory(name=TOPIC, slug="employee-advocacy")
    SessionTopic.objects.create(tag=topic, content_object=session)
    # Speakers and topics are part of the session's index entry and page;
    # the editor's save re-indexes it.
    Page.objects.get(pk=session.pk).specific.save_revision().publish()
    insert_or_update_object(session.specific_class.objects.get(pk=session.pk))
    writeup = WriteUpPageFactory(title=WRITEUP, author=speaker)
    WriteUpTopic.objects.create(tag=topic, content_object=writeup)
    return session


def test_reader_finds_a_speaker_follows_a_topic_and_subscribes(live_server, page, programme):
    page.goto(live_server.url + "/speakers/")

    # Search from the box in the site header.
    page.get_by_label("Search the site").fill("Marchetti")
    page.get_by_label("Search the site").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Marchetti")
    results = page.locator(".search-results")
    expect(results.get_by_role("link", name=SPEAKER)).to_be_visible()
    expect(results.get_by_role("link", name=SESSION)).to_be_visible()

    results.get_by_role("link", name=SPEAKER).click()
    expect(page.get_by_role("heading", level=1, name=SPEAKER)).to_be_visible()
    assert page.url.endswith("/speakers/philippa-marchetti/")

    # Her session carries its topics; follow one.
    page.get_by_role("link", name=SESSION).first.click()
    expect(page.get_by_role("heading", level=1, name=SESSION)).to_be_visible()
    page.get_by_role("link", name=TOPIC).first.click()
    expect(page.get_by_role("heading", level=1, name=TOPIC)).to_be_visible()
    expect(page.get_by_role("link", name=WRITEUP)).to_be_visible()

    # Subscribe: the page announces the feed and links to it.
    alternate = page.locator('link[rel="alternate"][type="application/rss+xml"]')
    expect(alternate).to_have_count(1)
    feed_link = page.get_by_role("link", name="RSS feed")
    href = feed_link.get_attribute("href")
    assert href == alternate.get_attribute("href") == "/feeds/topics/employee-advocacy/rss/"
    feed = page.request.get(live_server.url + href)
    assert feed.ok
    assert feed.headers["content-type"].startswith("application/rss+xml")
    items = etree.fromstring(feed.body()).iter("item")
    assert [item.findtext("title") for item in items] == [WRITEUP]
