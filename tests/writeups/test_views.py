import datetime as dt
import json
from unittest import mock

import pytest
from lxml import html as lxml_html
from wagtail.blocks import StreamValue

from recap.events.models import SessionPage, SessionResource
from recap.writeups.models import WriteUpPage, WriteUpResource, WriteUpSession, WriteUpSpeaker
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
    make_image,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def directory():
    return SpeakerIndexPageFactory()


def json_ld(response):
    tree = lxml_html.fromstring(response.content)
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def body(*blocks):
    return json.dumps([{"type": kind, "value": value} for kind, value in blocks])


def test_writeup_index_lists_newest_first_and_paginates(client):
    index = WriteUpIndexPageFactory()
    for n in range(12):
        WriteUpPageFactory(parent=index, title=f"Write-up {n:02d}", date=dt.date(2030, 1, 1 + n))

    first = client.get(index.url)
    second = client.get(index.url + "?page=2")

    titles = lxml_html.fromstring(first.content).xpath(
        '//ul[contains(@class, "writeup-list")]//h2/a/text()'
    )
    assert titles[:2] == ["Write-up 11", "Write-up 10"] and len(titles) == 10
    assert "Write-up 00" in second.content.decode()


def test_writeup_page_shows_author_date_reading_time_and_coverage(client):
    author = SpeakerFactory(name="Ada Quill", slug="ada-quill")
    event = EventPageFactory(title="Social Media Day")
    session = SessionPageFactory(parent=event, title="The IC panel")
    writeup = WriteUpPageFactory(
        title="What the panel said",
        author=author,
        date=dt.date(2030, 3, 9),
        event=event,
        intro="<p>" + "word " * 460 + "</p>",
    )
    WriteUpSession.objects.create(page=writeup, session=session)

    response = client.get(writeup.url)

    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    byline = tree.xpath('string(//p[contains(@class, "writeup__byline")])')
    assert "Ada Quill" in byline and "9 March 2030" in byline and "2 min read" in byline
    assert tree.xpath('//a[@rel="author"]')[0].get("href") == "/speakers/ada-quill/"
    coverage = tree.xpath('string(//dl[@class="writeup__coverage"])')
    assert "Social Media Day" in coverage and "The IC panel" in coverage


def test_writeup_hero_is_decorative_unless_the_image_is_described(client):
    writeup = WriteUpPageFactory(hero_image=make_image(title="IMG_2041.jpg"))

    tree = lxml_html.fromstring(client.get(writeup.url).content)

    assert tree.xpath('//figure[@class="writeup__hero"]/img/@alt') == [""]
    assert "IMG_2041" not in client.get(writeup.url).content.decode()


def test_writeup_page_renders_every_body_block(client):
    speaker = SpeakerFactory(name="Ada Quill")
    resource = ResourceFactory(
        title="Hub and spoke research", url="https://research.example.org/hubs"
    )
    writeup = WriteUpPageFactory(
        body=body(
            ("heading", {"text": "Centres of excellence", "level": "h2"}),
            ("text", "<p>The panel agreed.</p>"),
            (
                "quote",
                {"quote": "Every employee is a voice.", "speaker": speaker.pk, "attribution": ""},
            ),
            ("resource", {"resource": resource.pk, "note": "Worth a read"}),
            (
                "takeaways",
                {"heading": "Key takeaways", "items": ["Give it a home", "Train people"]},
            ),
            (
                "call_to_action",
                {
                    "text": "Tell us what you think",
                    "link_url": "",
                    "link_text": "",
                    "invite_responses": False,
                },
            ),
        )
    )

    response = client.get(writeup.url)

    tree = lxml_html.fromstring(response.content)
    assert tree.xpath('string(//h2[@class="block-heading"])') == "Centres of excellence"
    assert "The panel agreed." in tree.xpath('string(//div[@class="block-text"])')
    quote = tree.xpath('//figure[@class="block-quote"]')[0]
    assert "Every employee is a voice." in quote.text_content()
    assert quote.xpath(".//figcaption/a")[0].text == "Ada Quill"
    card = tree.xpath('//aside[contains(@class, "resource-card")]')[0]
    assert card.xpath(".//a")[0].get("href") == "https://research.example.org/hubs"
    assert "Worth a read" in card.text_content()
    assert tree.xpath('//section[contains(@class, "block-takeaways")]//li/text()') == [
        "Give it a home",
        "Train people",
    ]
    assert "Tell us what you think" in tree.xpath('string(//aside[contains(@class, "block-cta")])')


def test_writeup_video_degrades_to_link_card_when_embed_fails(client):
    writeup = WriteUpPageFactory(
        body=body(
            (
                "video",
                {
                    "video": "https://www.youtube.com/watch?v=abc123",
                    "title": "The CEO on social",
                    "caption": "",
                },
            )
        )
    )

    with mock.patch(
        "wagtail.embeds.embeds.get_embed", side_effect=OSError("network unreachable")
    ) as get_embed:
        response = client.get(writeup.url)

    assert get_embed.called
    assert response.status_code == 200
    link = lxml_html.fromstring(response.content).xpath('//figure[@class="block-video"]//a')[0]
    assert link.get("href") == "https://www.youtube.com/watch?v=abc123"
    assert link.text == "The CEO on social"


def test_writeup_video_without_known_provider_needs_no_network(client):
    writeup = WriteUpPageFactory(
        body=body(
            ("video", {"video": "https://video.example.org/clip/7", "title": "Clip", "caption": ""})
        )
    )

    with mock.patch("urllib.request.urlopen", side_effect=AssertionError("no network")):
        response = client.get(writeup.url)

    link = lxml_html.fromstring(response.content).xpath('//figure[@class="block-video"]//a')[0]
    assert link.text == "Clip"


def test_writeup_page_lists_topics_resources_and_people_featured(client):
    writeup = WriteUpPageFactory()
    WriteUpResource.objects.create(
        page=writeup, resource=ResourceFactory(title="A book about hubs")
    )
    WriteUpSpeaker.objects.create(page=writeup, speaker=SpeakerFactory(name="Mo Rivers"))

    response = client.get(writeup.url)

    tree = lxml_html.fromstring(response.content)
    assert "A book about hubs" in tree.xpath('string(//ul[@class="resource-list"])')
    assert "Mo Rivers" in tree.xpath('string(//section[h2[@id="featured-heading"]])')


def test_writeup_page_json_ld_is_blog_posting_about_event_and_sessions(client):
    author = SpeakerFactory(name="Ada Quill", slug="ada-quill")
    panellist = SpeakerFactory(name="Mo Rivers")
    event = EventPageFactory(title="Social Media Day")
    session = SessionPageFactory(parent=event, title="The IC panel")
    add_speaker(session, panellist)
    resource = ResourceFactory(title="Analyst article")
    writeup = WriteUpPageFactory(
        title="What the panel said", author=author, event=event, date=dt.date(2030, 3, 9)
    )
    WriteUpSession.objects.create(page=writeup, session=session)
    WriteUpResource.objects.create(page=writeup, resource=resource)
    writeup.save_revision().publish()

    data = json_ld(client.get(writeup.url))

    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "What the panel said"
    assert data["datePublished"] == "2030-03-09"
    assert data["author"]["name"] == "Ada Quill"
    assert data["author"]["url"] == "http://testserver/speakers/ada-quill/"
    assert [item["name"] for item in data["about"]] == ["Social Media Day", "The IC panel"]
    names = [item["name"] for item in data["mentions"]]
    assert "Mo Rivers" in names and "Analyst article" in names


def test_writeup_covering_two_events_shows_both_and_each_event_lists_it(client):
    conference = EventPageFactory(title="Social Media Day")
    evening = EventPageFactory(title="B2B Commons evening")
    talk = SessionPageFactory(parent=evening, title="The connected firm")
    writeup = WriteUpPageFactory(title="A day and an evening", events=[conference, evening])
    WriteUpSession.objects.create(page=writeup, session=talk)
    writeup.save_revision().publish()

    response = client.get(writeup.url)
    conference_page = client.get(conference.url).content.decode()
    evening_page = client.get(evening.url).content.decode()
    index = client.get(writeup.get_parent().url).content.decode()

    tree = lxml_html.fromstring(response.content)
    coverage = tree.xpath('//dl[@class="writeup__coverage"]')[0]
    assert coverage.xpath("dt/text()")[0] == "Events"
    assert coverage.xpath("dd[1]/a/text()") == ["Social Media Day", "B2B Commons evening"]
    # The session's event is among the covered ones: not repeated after it.
    assert "(B2B Commons evening)" not in coverage.text_content()
    about = [item["name"] for item in json_ld(response)["about"]]
    assert about == ["Social Media Day", "B2B Commons evening", "The connected firm"]
    assert "A day and an evening" in conference_page and "A day and an evening" in evening_page
    assert "Social Media Day, B2B Commons evening" in index


def test_writeup_save_adds_session_speakers_and_quoted_speakers(client):
    moderator, panellist, quoted, hand_picked = (SpeakerFactory() for _ in range(4))
    session = SessionPageFactory()
    add_speaker(session, moderator, role="moderator")
    add_speaker(session, panellist, role="panellist")
    writeup = WriteUpPageFactory()
    writeup.speaker_links.add(WriteUpSpeaker(speaker=hand_picked))
    writeup.session_links.add(WriteUpSession(session=session))
    writeup.body = StreamValue(
        writeup.body.stream_block,
        [("quote", {"quote": "Words", "speaker": quoted, "attribution": ""})],
    )

    writeup.save_revision().publish()

    stored = WriteUpPage.objects.get(pk=writeup.pk)
    featured = [link.speaker for link in stored.speaker_links.all()]
    assert featured == [hand_picked, moderator, panellist, quoted]


def test_writeup_save_fills_people_featured_in_the_draft_revision():
    speaker = SpeakerFactory()
    session = SessionPageFactory()
    add_speaker(session, speaker)
    writeup = WriteUpPageFactory()
    writeup.session_links.add(WriteUpSession(session=session))

    revision = writeup.save_revision()

    draft = revision.as_object()
    assert [link.speaker_id for link in draft.speaker_links.all()] == [speaker.pk]


@pytest.mark.parametrize("count", [5, 25])
def test_writeup_page_queries_do_not_grow_with_sessions_and_speakers(
    client, django_assert_max_num_queries, count
):
    event = EventPageFactory()
    other_event = EventPageFactory()
    writeup = WriteUpPageFactory(author=SpeakerFactory(), event=event)
    for n in range(count):
        parent = event if n % 2 else other_event
        session = parent.add_child(
            instance=SessionPage(
                title=f"Talk {n}", slug=f"talk-{n}", start=parent.start, end=parent.end
            )
        )
        speaker = SpeakerFactory()
        add_speaker(session, speaker)
        WriteUpSession.objects.create(page=writeup, session=session)
        WriteUpSpeaker.objects.create(page=writeup, speaker=speaker)
        slides = ResourceFactory(title=f"Slides {n}", kind="slides")
        SessionResource.objects.create(page=session, resource=slides)
    client.get(writeup.url)

    with django_assert_max_num_queries(19):  # 14 measured; room for share and response tags
        response = client.get(writeup.url)

    assert response.status_code == 200
    assert response.content.decode().count("Talk ") >= count
    assert response.content.decode().count("Slides ") >= count


@pytest.mark.parametrize(
    ("kind", "with_speaker", "shared"),
    [
        ("talk", True, True),
        ("break", False, False),
        ("networking", False, False),
        ("other", False, False),  # registration, lunch...
        ("other", True, True),  # a welcome with its host
    ],
)
def test_session_share_links_only_where_there_is_something_to_share(
    client, kind, with_speaker, shared
):
    session = SessionPageFactory(kind=kind)
    if with_speaker:
        add_speaker(session, SpeakerFactory())

    html = client.get(session.url).content.decode()

    assert ('class="share-links"' in html) is shared


@pytest.mark.parametrize("count", [5, 25])
def test_writeup_index_queries_do_not_grow_with_covered_events(
    client, django_assert_max_num_queries, count
):
    index = WriteUpIndexPageFactory()
    events = [EventPageFactory(revision=False) for _ in range(3)]
    for n in range(count):
        WriteUpPageFactory(
            parent=index, title=f"Write-up {n}", events=events[n % 3 :][:2], revision=False
        )
    client.get(index.url)

    with django_assert_max_num_queries(12):
        response = client.get(index.url)

    assert response.status_code == 200
    assert response.content.decode().count(f"{events[0].title}, {events[1].title}") >= 1


def test_writeup_shows_the_covered_sessions_slides(client):
    session = SessionPageFactory(title="Panel on social")
    SessionResource.objects.create(
        page=session, resource=ResourceFactory(title="Panel deck", kind="slides")
    )
    SessionResource.objects.create(
        page=session, resource=ResourceFactory(title="Not slides", kind="article")
    )
    writeup = WriteUpPageFactory()
    WriteUpSession.objects.create(page=writeup, session=session)

    tree = lxml_html.fromstring(client.get(writeup.url).content)

    section = tree.xpath('//section[contains(@class, "writeup__slides")]')[0]
    assert "Slides from the sessions" in section.text_content()
    assert "Panel deck" in section.text_content()
    assert "Not slides" not in section.text_content()
