import datetime as dt
import json

import pytest
from django.utils import timezone
from lxml import html as lxml_html

from recap.events.models import SessionPage
from recap.speakers.models import SpeakerAlias
from recap.writeups.models import WriteUpSpeaker
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
    make_image,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def directory():
    return SpeakerIndexPageFactory()


def json_ld(response):
    tree = lxml_html.fromstring(response.content)
    (script,) = tree.xpath('//script[@type="application/ld+json"]')
    return json.loads(script.text)


def test_speaker_page_shows_profile(client, directory):
    speaker = SpeakerFactory(
        name="Ada Quill",
        slug="ada-quill",
        job_title="Director of Communications",
        organisation="Fabrikam",
        bio="<p>Writes about internal comms.</p>",
        website="https://ada.example.org",
        photo=make_image(),
    )

    response = client.get(speaker.get_url())

    assert response.status_code == 200
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath("string(//h1)") == "Ada Quill"
    assert "Director of Communications, Fabrikam" in tree.xpath(
        'string(//p[@class="speaker__role"])'
    )
    assert "Writes about internal comms." in response.content.decode()
    assert tree.xpath('//a[@href="https://ada.example.org"]')
    assert tree.xpath('//img[@class="speaker__photo"]')[0].get("alt") == "Photo of Ada Quill"
    assert "<title>Ada Quill" in response.content.decode()


def test_speaker_url_lives_under_the_directory(directory):
    speaker = SpeakerFactory(slug="ada-quill")

    assert speaker.get_url() == "/speakers/ada-quill/"


def test_speaker_page_groups_sessions_by_event_upcoming_and_past(client, directory):
    speaker = SpeakerFactory()
    now = timezone.now()
    past_event = EventPageFactory(
        title="Spring Social",
        start=now - dt.timedelta(days=60),
        end=now - dt.timedelta(days=60, hours=-8),
    )
    next_event = EventPageFactory(title="Autumn Summit")
    add_speaker(
        SessionPageFactory(parent=past_event, title="The IC panel"), speaker, role="panellist"
    )
    add_speaker(
        SessionPageFactory(parent=past_event, title="Closing remarks"), speaker, role="host"
    )
    add_speaker(SessionPageFactory(parent=next_event, title="Hubs and spokes"), speaker)
    SessionPageFactory(parent=next_event, title="Someone else's talk")

    response = client.get(speaker.get_url())

    tree = lxml_html.fromstring(response.content)
    upcoming = tree.xpath('string(//section[@id="upcoming"])')
    past = tree.xpath('string(//section[@id="past"])')
    assert "Autumn Summit" in upcoming and "Hubs and spokes" in upcoming
    assert "Spring Social" in past and "The IC panel" in past and "Closing remarks" in past
    assert "Panellist" in past and "Host" in past
    assert "Someone else's talk" not in response.content.decode()


def test_speaker_page_lists_a_session_on_now_under_now_not_upcoming(client, directory):
    speaker = SpeakerFactory()
    now = timezone.now()
    event = EventPageFactory(
        title="Breakfast Club",
        start=now - dt.timedelta(hours=3),
        end=now + dt.timedelta(hours=5),
    )
    morning = SessionPageFactory(
        parent=event,
        title="Morning welcome",
        start=now - dt.timedelta(hours=3),
        end=now - dt.timedelta(hours=2),
    )
    on_now = SessionPageFactory(
        parent=event,
        title="Ask me anything",
        start=now - dt.timedelta(minutes=20),
        end=now + dt.timedelta(minutes=40),
    )
    later = SessionPageFactory(
        parent=event,
        title="Closing panel",
        start=now + dt.timedelta(hours=3),
        end=now + dt.timedelta(hours=4),
    )
    for session in (morning, on_now, later):
        add_speaker(session, speaker)

    response = client.get(speaker.get_url())

    tree = lxml_html.fromstring(response.content)
    sections = [section.get("id") for section in tree.xpath('//section[@id="sessions"]/section')]
    assert sections == ["now", "upcoming", "past"]
    now_text = tree.xpath('string(//section[@id="now"])')
    upcoming = tree.xpath('string(//section[@id="upcoming"])')
    past = tree.xpath('string(//section[@id="past"])')
    assert "Now" in now_text and "Ask me anything" in now_text
    assert "Ask me anything" not in upcoming + past
    assert "Closing panel" in upcoming and "Closing panel" not in now_text
    assert "Morning welcome" in past and "Morning welcome" not in now_text + upcoming


def test_speaker_page_offers_a_calendar_only_when_there_are_sessions_in_it(client, directory):
    idle = SpeakerFactory(slug="idle-speaker")
    busy = SpeakerFactory(slug="busy-speaker")
    add_speaker(SessionPageFactory(), busy)

    idle_html = client.get(idle.get_url()).content.decode()
    busy_html = client.get(busy.get_url()).content.decode()

    assert "No sessions yet." in idle_html
    assert "Add to calendar" not in idle_html
    assert "webcal://" not in idle_html
    assert 'type="text/calendar"' not in idle_html
    assert "Add to calendar" in busy_html
    assert "webcal://testserver/calendar/speakers/busy-speaker.ics" in busy_html
    assert 'type="text/calendar"' in busy_html


def test_speaker_page_hides_draft_sessions(client, directory):
    speaker = SpeakerFactory()
    session = SessionPageFactory(title="Secret session")
    add_speaker(session, speaker)
    SessionPage.objects.filter(pk=session.pk).update(live=False)

    response = client.get(speaker.get_url())

    assert response.status_code == 200
    assert speaker.name in response.content.decode()
    assert "Secret session" not in response.content.decode()


def test_speaker_page_lists_authored_and_featuring_writeups_and_resources(client, directory):
    speaker = SpeakerFactory(name="Ada Quill")
    WriteUpPageFactory(title="My notes from the day", author=speaker)
    featuring = WriteUpPageFactory(title="Ada on hubs and spokes")
    WriteUpSpeaker.objects.create(page=featuring, speaker=speaker)
    resource = ResourceFactory(title="The maturity model")
    resource.speakers.add(speaker)
    resource.save()

    response = client.get(speaker.get_url())

    tree = lxml_html.fromstring(response.content)
    assert "My notes from the day" in tree.xpath('string(//section[h2[@id="authored-heading"]])')
    assert "Ada on hubs and spokes" in tree.xpath('string(//section[h2[@id="featured-heading"]])')
    assert "The maturity model" in tree.xpath('string(//ul[@class="resource-list"])')


def test_speaker_old_slug_redirects_permanently(client, directory):
    speaker = SpeakerFactory(slug="ada-quill")
    SpeakerAlias.objects.create(slug="ada-q", speaker=speaker)

    response = client.get("/speakers/ada-q/")

    assert response.status_code == 301
    assert response["Location"] == "/speakers/ada-quill/"


def test_speaker_unknown_slug_is_not_found(client, directory):
    assert client.get("/speakers/nobody/").status_code == 404


def test_speaker_page_json_ld_is_person(client, directory):
    speaker = SpeakerFactory(
        name="Ada Quill",
        slug="ada-quill",
        job_title="Director",
        organisation="Fabrikam",
        x_handle="adaquill",
        linkedin_url="https://www.linkedin.com/in/ada-quill-example",
        photo=make_image(),
    )

    data = json_ld(client.get(speaker.get_url()))

    assert data["@type"] == "Person"
    assert data["name"] == "Ada Quill"
    assert data["jobTitle"] == "Director"
    assert data["worksFor"] == {"@type": "Organization", "name": "Fabrikam"}
    assert data["url"] == "http://testserver/speakers/ada-quill/"
    assert data["sameAs"] == [
        "https://x.com/adaquill",
        "https://www.linkedin.com/in/ada-quill-example",
    ]
    assert data["image"].startswith("http://testserver/")


def test_speaker_page_puts_open_graph_data_in_context(client, directory):
    speaker = SpeakerFactory(
        name="Ada Quill", slug="ada-quill", job_title="Director", organisation="Fabrikam"
    )

    response = client.get(speaker.get_url())

    assert response.context["meta_title"] == "Ada Quill"
    assert response.context["meta_description"] == "Director, Fabrikam"
    assert response.context["meta_image"] is None
    assert response.context["canonical_url"] == "http://testserver/speakers/ada-quill/"


@pytest.mark.parametrize("count", [5, 25])
def test_speaker_page_queries_do_not_grow_with_sessions(
    client, directory, django_assert_max_num_queries, count
):
    speaker = SpeakerFactory(photo=make_image())
    events = [EventPageFactory(), EventPageFactory()]
    for n in range(count):
        event = events[n % 2]
        session = event.add_child(
            instance=SessionPage(
                title=f"Talk {n}", slug=f"talk-{n}", start=event.start, end=event.end
            )
        )
        add_speaker(session, speaker)
        writeup = WriteUpPageFactory(author=speaker) if n < 3 else None
        if writeup is None and n % 10 == 0:
            WriteUpSpeaker.objects.create(page=WriteUpPageFactory(), speaker=speaker)
    client.get(speaker.get_url())  # warm: the photo's rendition is made on the first view

    with django_assert_max_num_queries(12):  # issue 12: pretalx's speaker page makes 12
        response = client.get(speaker.get_url())

    assert response.status_code == 200


def test_speaker_page_session_lists_follow_a_publish_at_once(client, directory):
    speaker = SpeakerFactory()
    event = EventPageFactory()
    session = event.add_child(
        instance=SessionPage(title="First talk", slug="first", start=event.start, end=event.end)
    )
    add_speaker(session, speaker)
    assert "First talk" in client.get(speaker.get_url()).content.decode()

    session.title = "First talk, renamed"
    session.save_revision().publish()
    assert "First talk, renamed" in client.get(speaker.get_url()).content.decode()

    session.unpublish()
    assert "First talk" not in client.get(speaker.get_url()).content.decode()
