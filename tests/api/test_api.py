import datetime as dt

import pytest
from wagtail.models import Site

from recap.events.models import SessionChapter, SessionResource, SessionTopic
from recap.questions.models import DelegateQuestion
from recap.writeups.models import WriteUpSpeaker, WriteUpTopic
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    TopicFactory,
    WriteUpPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


@pytest.fixture
def programme():
    SpeakerIndexPageFactory()
    summit = EventPageFactory(title="Summit", city="London")
    meetup = EventPageFactory(title="Meetup")
    ada = SpeakerFactory(name="Ada Okafor", slug="ada-okafor", organisation="Northwind")
    ben = SpeakerFactory(name="Ben Lowe", slug="ben-lowe")
    panel = SessionPageFactory(parent=summit, title="Panel", kind="panel", room="Hall A")
    add_speaker(panel, ada, role="moderator")
    add_speaker(panel, ben, role="panellist")
    evening = SessionPageFactory(parent=meetup, title="Evening talk")
    add_speaker(evening, ben)
    topic = TopicFactory(name="Internal comms", slug="internal-comms")
    SessionTopic.objects.create(tag=topic, content_object=panel)
    return summit, meetup, panel, evening, ada, ben, topic


def test_api_lists_events_with_their_fields(client, programme):
    summit, *_ = programme

    response = client.get(
        "/api/v2/pages/?type=recap_events.EventPage&fields=start,city,calendar_uid,topics"
    )

    items = {item["title"]: item for item in response.json()["items"]}
    assert set(items) == {"Summit", "Meetup"}
    assert items["Summit"]["city"] == "London"
    assert items["Summit"]["calendar_uid"] == str(summit.calendar_uid)


def test_api_session_detail_has_event_speakers_roles_and_topics(client, programme):
    summit, _, panel, *_ = programme

    data = client.get(f"/api/v2/pages/{panel.pk}/").json()

    assert data["kind"] == "panel"
    assert data["room"] == "Hall A"
    assert data["calendar_uid"] == str(panel.calendar_uid)
    assert data["event"]["id"] == summit.pk
    assert data["event"]["title"] == "Summit"
    assert [(s["name"], s["role"]) for s in data["speakers"]] == [
        ("Ada Okafor", "moderator"),
        ("Ben Lowe", "panellist"),
    ]
    assert data["speakers"][0]["url"] == "http://testserver/speakers/ada-okafor/"
    assert data["topics"] == [{"name": "Internal comms", "slug": "internal-comms"}]


def test_api_session_detail_has_its_resources(client, programme):
    panel = programme[2]
    slides = ResourceFactory(title="Panel slides", kind="slides", url="https://s.example/p")
    SessionResource.objects.create(page=panel, resource=slides)

    data = client.get(f"/api/v2/pages/{panel.pk}/").json()

    assert data["resources"] == [
        {"id": slides.pk, "title": "Panel slides", "kind": "slides", "href": "https://s.example/p"}
    ]


def test_api_filters_sessions_by_event_speaker_and_topic(client, programme):
    summit, meetup, *_ = programme
    base = "/api/v2/pages/?type=recap_events.SessionPage"

    assert titles(client.get(f"{base}&event={meetup.pk}")) == ["Evening talk"]
    assert titles(client.get(f"{base}&speaker=ada-okafor")) == ["Panel"]
    assert titles(client.get(f"{base}&speaker=ben-lowe")) == ["Evening talk", "Panel"]
    assert titles(client.get(f"{base}&topic=internal-comms")) == ["Panel"]


def test_api_filters_events_by_speaker(client, programme):
    response = client.get("/api/v2/pages/?type=recap_events.EventPage&speaker=ada-okafor")

    assert titles(response) == ["Summit"]


def test_api_filters_writeups_by_speaker_and_topic(client, programme):
    *_, ada, ben, topic = programme
    by_ada = WriteUpPageFactory(title="By Ada", author=ada)
    featuring_ben = WriteUpPageFactory(title="Featuring Ben")
    WriteUpSpeaker.objects.create(page=featuring_ben, speaker=ben)
    WriteUpTopic.objects.create(tag=topic, content_object=by_ada)
    base = "/api/v2/pages/?type=recap_writeups.WriteUpPage"

    assert titles(client.get(f"{base}&speaker=ada-okafor")) == ["By Ada"]
    assert titles(client.get(f"{base}&speaker={ben.pk}")) == ["Featuring Ben"]
    assert titles(client.get(f"{base}&topic=internal-comms")) == ["By Ada"]
    detail = client.get(f"/api/v2/pages/{by_ada.pk}/").json()
    assert detail["author"]["name"] == "Ada Okafor"


def test_api_filter_needs_a_recap_type_and_a_known_value(client, programme):
    assert client.get("/api/v2/pages/?speaker=ada-okafor").status_code == 400
    bad = client.get("/api/v2/pages/?type=recap_events.SessionPage&speaker=nobody")
    assert bad.status_code == 400
    assert "does not exist" in bad.json()["message"]


def test_api_speakers_endpoint_lists_public_profiles_only(client, programme, django_user_model):
    *_, ada, _, _ = programme
    ada.user = django_user_model.objects.create_user("ada", email="ada@example.org")
    ada.save()

    listing = client.get("/api/v2/speakers/").json()
    detail = client.get(f"/api/v2/speakers/{ada.pk}/").json()

    assert [item["name"] for item in listing["items"]] == ["Ada Okafor", "Ben Lowe"]
    assert listing["items"][0]["url"] == "http://testserver/speakers/ada-okafor/"
    assert detail["organisation"] == "Northwind"
    assert "user" not in detail
    assert "ada@example.org" not in str(detail)


def test_api_speakers_filter_by_event_and_topic(client, programme):
    summit, meetup, *_ = programme

    by_event = client.get(f"/api/v2/speakers/?event={meetup.pk}").json()
    by_topic = client.get("/api/v2/speakers/?topic=internal-comms").json()

    assert [item["name"] for item in by_event["items"]] == ["Ben Lowe"]
    assert [item["name"] for item in by_topic["items"]] == ["Ada Okafor", "Ben Lowe"]


def test_api_resources_endpoint(client, programme):
    *_, ada, _, _ = programme
    resource = ResourceFactory(title="IC report", url="https://example.org/report")
    resource.speakers.add(ada)
    resource.save()
    ResourceFactory(title="Other")

    listing = client.get("/api/v2/resources/?speaker=ada-okafor").json()

    assert [item["title"] for item in listing["items"]] == ["IC report"]
    assert listing["items"][0]["href"] == "https://example.org/report"


def test_api_never_exposes_delegate_questions(client, programme):
    _, _, panel, *_ = programme
    DelegateQuestion.objects.create(
        session=panel,
        text="Where can I find resources?",
        name="Private Person",
        email="private@example.org",
        email_consent=True,
        status="approved",
    )

    detail_response = client.get(f"/api/v2/pages/{panel.pk}/")
    everything_response = client.get("/api/v2/pages/?type=recap_events.SessionPage&fields=*")
    detail = detail_response.content.decode()
    everything = everything_response.content

    assert detail_response.status_code == everything_response.status_code == 200
    assert panel.title in detail and panel.title.encode() in everything
    assert "Where can I find resources?" not in detail
    assert b"private@example.org" not in everything
    assert b"Private Person" not in everything


@pytest.mark.parametrize("count", [5, 25])
def test_api_lists_query_count_is_constant(client, django_assert_max_num_queries, count):
    SpeakerIndexPageFactory()
    event = EventPageFactory()
    topic = TopicFactory()
    speaker = SpeakerFactory(slug="ada-okafor")
    for _ in range(count):
        session = SessionPageFactory(
            parent=event, revision=False, recording_url="https://video.example/talk"
        )
        # Chapters are one prefetch, whatever the number of sessions.
        SessionChapter.objects.create(page=session, start=dt.timedelta(0), title="Welcome")
        add_speaker(session, speaker)
        SessionTopic.objects.create(tag=topic, content_object=session)
        writeup = WriteUpPageFactory(author=speaker, event=event, revision=False)
        WriteUpTopic.objects.create(tag=topic, content_object=writeup)
        SpeakerFactory()
        resource = ResourceFactory()
        resource.speakers.add(speaker)
        resource.save()
        # Approved slides and links from speakers are the session's resources.
        SessionResource.objects.create(page=session, resource=resource)

    # Wagtail keeps its site root paths cached (an hour); with i18n, working
    # them out takes one query more (the root page's translations).
    Site.get_site_root_paths()

    for url in (
        "/api/v2/pages/?type=recap_events.SessionPage&fields=*&limit=20",
        "/api/v2/pages/?type=recap_writeups.WriteUpPage&fields=*&limit=20",
        "/api/v2/pages/?type=recap_events.EventPage&fields=*",
        "/api/v2/speakers/?fields=*&limit=20",
        "/api/v2/resources/?fields=*&limit=20",
    ):
        # 17 measured for sessions (their resources and chapters are a prefetch each).
        with django_assert_max_num_queries(17):
            response = client.get(url)
        assert response.status_code == 200, url
