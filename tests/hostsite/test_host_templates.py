"""Recap's pages in a host whose base.html is the one `wagtail start`
generates, unchanged (tests/fixtures/host_templates/base.html): every page
renders, and its head carries the title, description, canonical URL, Open
Graph tags, calendar and feed alternates, the frab schedule link and JSON-LD
through the blocks that file has (extra_css, extra_js, title, body_class,
content). Present mode is a page of its own, without the host's layout."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from lxml import html

from recap.events.models import SessionTopic
from recap.resources.models import ResourceLibraryPage, TopicIndexPage
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
    site_root,
)

pytestmark = pytest.mark.django_db

HOST_TEMPLATES = Path(__file__).resolve().parent.parent / "fixtures" / "host_templates"
# What only the stock base.html prints (the reference site's does not).
HOST_STYLESHEET = "/static/css/mysite.css"


@pytest.fixture
def host_base(settings):
    """The stock base.html instead of the reference site's templates."""
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [HOST_TEMPLATES]}]


@pytest.fixture
def conference():
    root = site_root()
    EventIndexPageFactory(parent=root)
    SpeakerIndexPageFactory(parent=root)
    WriteUpIndexPageFactory(parent=root)
    root.add_child(instance=TopicIndexPage(title="Topics", slug="topics"))
    root.add_child(instance=ResourceLibraryPage(title="Library", slug="library"))
    topic = TopicFactory(name="Internal comms", slug="internal-comms")
    event = EventPageFactory(
        title="Summit", slug="summit", intro="<p>A day of internal comms in London.</p>"
    )
    session = SessionPageFactory(
        parent=event, title="Opening panel", slug="opening", abstract="<p>Why it matters.</p>"
    )
    ada = SpeakerFactory(name="Ada Okafor", slug="ada-okafor", bio="<p>Ada leads comms.</p>")
    add_speaker(session, ada)
    SessionTopic.objects.create(tag=topic, content_object=session)
    WriteUpPageFactory(
        title="What we learned", slug="learned", event=event, intro="<p>Notes from the day.</p>"
    )
    return event


def head_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    doc = html.fromstring(response.content.decode())
    return doc, doc.head


def alternates(head, media_type):
    return [
        link.get("href") for link in head.xpath(f'link[@rel="alternate"][@type="{media_type}"]')
    ]


def meta(head, attribute, name):
    return [tag.get("content") for tag in head.xpath(f'meta[@{attribute}="{name}"]')]


PAGES = [
    ("/events/", "Events"),
    ("/events/summit/", "Summit"),
    ("/events/summit/opening/", "Opening panel"),
    ("/speakers/", "Speakers"),
    ("/speakers/ada-okafor/", "Ada Okafor"),
    ("/write-ups/", "Write-ups"),
    ("/write-ups/learned/", "What we learned"),
    ("/topics/", "Topics"),
    ("/topics/internal-comms/", "Internal comms"),
    ("/library/", "Library"),
    ("/search/?q=panel", "Search"),
]


@pytest.mark.parametrize(("path", "title"), PAGES)
def test_every_page_renders_its_head_in_the_stock_base(client, host_base, conference, path, title):
    doc, head = head_of(client, path)

    assert HOST_STYLESHEET in html.tostring(head).decode()
    assert title in head.findtext("title")
    assert head.xpath('link[@rel="canonical"]/@href')[0].startswith("http://testserver/")
    assert meta(head, "property", "og:title")
    assert meta(head, "property", "og:url") == head.xpath('link[@rel="canonical"]/@href')
    assert doc.body.xpath('.//*[@property="og:title" or @rel="canonical"]') == []
    # The class recap/recap.css scopes its rules under.
    assert "recap" in doc.body.get("class").split()


def test_event_head_in_the_stock_base(client, host_base, conference):
    _, head = head_of(client, "/events/summit/")

    assert meta(head, "name", "description") == ["A day of internal comms in London."]
    assert "http://testserver/events/summit/programme.ics" in alternates(head, "text/calendar")
    assert "/events/summit/schedule.xml" in alternates(head, "application/xml")  # frab
    assert "/events/summit/schedule.json" in alternates(head, "application/json")
    assert head.xpath('script[@type="application/ld+json"]')


def test_session_and_speaker_heads_in_the_stock_base(client, host_base, conference):
    _, session = head_of(client, "/events/summit/opening/")
    _, speaker = head_of(client, "/speakers/ada-okafor/")

    assert alternates(session, "text/calendar")
    assert session.xpath('script[@type="application/ld+json"]')
    assert alternates(speaker, "text/calendar")
    assert alternates(speaker, "application/rss+xml")
    assert meta(speaker, "name", "description")


def test_writeup_heads_in_the_stock_base(client, host_base, conference):
    _, index = head_of(client, "/write-ups/")
    _, writeup = head_of(client, "/write-ups/learned/")

    assert alternates(index, "application/rss+xml")
    assert alternates(index, "application/atom+xml")
    assert meta(writeup, "property", "og:type") == ["article"]
    assert meta(writeup, "name", "description") == ["Notes from the day."]
    assert writeup.xpath('script[@type="application/ld+json"]')


def test_search_page_brings_its_suggestions_script(client, host_base, conference):
    doc, _ = head_of(client, "/search/?q=panel")

    assert doc.body.xpath('script[contains(@src, "recap_writeups/search-autocomplete.js")]')


def test_reference_base_prints_the_head_once(client, conference):
    _, head = head_of(client, "/events/summit/")

    assert HOST_STYLESHEET not in html.tostring(head).decode()
    assert len(head.xpath('link[@rel="canonical"]')) == 1
    assert len(meta(head, "property", "og:title")) == 1
    assert meta(head, "name", "description") == ["A day of internal comms in London."]
    assert "/events/summit/schedule.xml" in alternates(head, "application/xml")


@pytest.mark.questions
def test_present_mode_is_a_page_of_its_own(client, host_base, conference):
    from recap.questions.shortcodes import session_code

    session = conference.get_children().specific().get(slug="opening")

    response = client.get(f"/q/{session_code(session)}/present/")

    page = response.content.decode()
    doc = html.fromstring(page)
    assert response.status_code == 200
    assert HOST_STYLESHEET not in page
    assert doc.findtext(".//h1") == "Opening panel"
    assert doc.head.xpath('link[contains(@href, "recap_questions/present.css")]')
    assert doc.xpath('//script[contains(@src, "recap_questions/present.js")]')


def test_optional_stylesheet_ships_scoped_to_recap_pages():
    path = finders.find("recap/recap.css")
    css = re.sub(r"/\*.*?\*/", "", Path(path).read_text(), flags=re.S)

    selectors = [
        selector.strip()
        for prelude in re.findall(r"([^{}]+)\{", css)
        if not prelude.strip().startswith("@")
        for selector in prelude.split(",")
    ]
    assert ".recap .programme-grid" in selectors
    assert [s for s in selectors if s != ".recap" and not s.startswith(".recap ")] == []
    properties = re.findall(r"var\((--[\w-]+)", css) + re.findall(r"^\s*(--[\w-]+)\s*:", css, re.M)
    assert properties
    assert [name for name in properties if not name.startswith("--recap-")] == []


# The blocks of a `wagtail start` base.html, and the one optional block
# (docs/urls-and-templates.md).
BASE_BLOCKS = {"title", "extra_css", "extra_js", "body_class", "content"}
OPTIONAL_BLOCKS = {"meta"}


def test_recap_templates_fill_only_the_blocks_of_the_contract():
    from django.apps import apps

    templates = [
        path
        for config in apps.get_app_configs()
        if config.name.startswith("recap.")
        for path in Path(config.path, "templates").rglob("*.html")
        if '{% extends "base.html" %}' in path.read_text()
    ]
    outside = {
        path.name: names
        for path in templates
        if (names := set(re.findall(r"{% block (\w+) %}", path.read_text())))
        - BASE_BLOCKS
        - OPTIONAL_BLOCKS
    }
    assert len(templates) >= 15
    assert outside == {}
