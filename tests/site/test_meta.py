import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.test import RequestFactory
from lxml import etree
from wagtail.models import Page

from recap.events.models import SessionTopic
from recap.resources.models import ResourceTopic, TopicIndexPage
from tests.factories import (
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpPageFactory,
    site_root,
)

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def meta(html, attribute, name):
    match = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)">', html)
    return match.group(1) if match else None


def canonical(html):
    return re.findall(r'<link rel="canonical" href="([^"]*)">', html)


def topic_index():
    page = TopicIndexPage(title="Topics", slug="topics")
    site_root().add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def test_writeup_page_has_open_graph_twitter_and_canonical(client):
    writeup = WriteUpPageFactory(
        title="What the panel said", search_description="Answers to the delegate's question."
    )

    html = client.get(writeup.url).content.decode()

    assert meta(html, "property", "og:title") == "What the panel said"
    assert meta(html, "property", "og:type") == "article"
    assert meta(html, "property", "og:description") == "Answers to the delegate&#x27;s question."
    # The request's host, not the Site record's (localhost in the tests).
    assert meta(html, "property", "og:url") == f"http://testserver{writeup.url}"
    assert meta(html, "name", "twitter:card") == "summary"
    assert meta(html, "name", "twitter:title") == "What the panel said"
    assert canonical(html) == [f"http://testserver{writeup.url}"]


def test_speaker_directory_canonical_drops_filters(client):
    directory = SpeakerIndexPageFactory()

    html = client.get(directory.url + "?letter=A&page=2").content.decode()

    assert canonical(html) == [f"http://testserver{directory.url}"]
    assert meta(html, "property", "og:type") == "website"


def test_topic_page_meta_uses_the_topic(client):
    topic_index()
    topic = TopicFactory(
        name="Internal comms", slug="internal-comms", description="Talking inside."
    )
    ResourceTopic.objects.create(tag=topic, content_object=ResourceFactory())

    html = client.get("/topics/internal-comms/").content.decode()

    assert meta(html, "property", "og:title") == "Internal comms"
    assert meta(html, "name", "description") == "Talking inside."
    assert canonical(html) == ["http://testserver/topics/internal-comms/"]


def test_meta_escapes_page_text(client):
    writeup = WriteUpPageFactory(title='"><script>alert(1)</script>')

    html = client.get(writeup.url).content.decode()

    assert "<script>alert(1)</script>" not in html
    assert meta(html, "property", "og:title") == "&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"


def test_share_links_point_at_network_share_addresses_without_scripts_from_them():
    request = RequestFactory().get("/write-ups/what-the-panel-said/")
    html = Template('{% include "recap_writeups/includes/share_links.html" %}').render(
        Context({"request": request, "meta_title": "What the panel said"})
    )

    encoded = "http%3A%2F%2Ftestserver%2Fwrite-ups%2Fwhat-the-panel-said%2F"
    assert f"https://x.com/intent/post?text=What%20the%20panel%20said&amp;url={encoded}" in html
    assert f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}" in html
    assert "https://bsky.app/intent/compose?text=" in html
    assert "mailto:?subject=What%20the%20panel%20said" in html
    assert 'data-copy-link="http://testserver/write-ups/what-the-panel-said/"' in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["/static/recap_writeups/share-links.js"]


def test_sitemap_lists_pages_speakers_and_topics(client):
    directory = SpeakerIndexPageFactory()
    topic_index()
    SpeakerFactory(name="Ada Okafor")
    session = SessionPageFactory()
    SessionTopic.objects.create(tag=TopicFactory(slug="internal-comms"), content_object=session)

    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    locations = [loc.text for loc in etree.fromstring(response.content).iter(f"{SITEMAP}loc")]
    assert f"http://testserver{directory.url}ada-okafor/" in locations
    assert "http://testserver/topics/internal-comms/" in locations
    assert f"http://testserver{session.url}" in locations


def test_robots_txt_points_at_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Disallow: /admin/" in text


def test_pages_name_an_icon_that_exists_and_favicon_ico_leads_to_it(client):
    SpeakerIndexPageFactory()

    html = client.get("/speakers/").content.decode()
    favicon = client.get("/favicon.ico")

    (href,) = re.findall(r'<link rel="icon" href="([^"]+)" type="image/svg\+xml">', html)
    assert href == "/static/favicon.svg"
    assert "<svg" in Path(finders.find("favicon.svg")).read_text()
    assert favicon.status_code == 301
    assert favicon["Location"] == href


def test_share_links_are_a_row_of_links_not_a_bullet_list():
    css = Path(finders.find("css/site.css")).read_text()

    rule = re.search(r"\.share-links ul \{([^}]*)\}", css)

    assert rule is not None
    assert "list-style: none" in rule.group(1)
    assert "display: flex" in rule.group(1)
