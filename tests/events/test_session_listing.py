"""The admin's "Sessions" listing: every event's sessions, filtered by event,
by whether they have a recording and (recap.materials) by what speakers
have sent."""

import pytest

from recap.events.models import SessionResource
from recap.materials.models import MaterialSubmission, SubmissionStatus
from recap.resources.models import ResourceKind
from tests.factories import EventPageFactory, ResourceFactory, SessionPageFactory

pytestmark = pytest.mark.django_db

LISTING = "/admin/recap/sessions/"


@pytest.fixture
def sessions():
    summit = EventPageFactory(title="Comms Summit")
    other = EventPageFactory(title="Other Forum")
    recorded = SessionPageFactory(
        parent=summit, title="Recorded keynote", recording_url="https://video.example/k"
    )
    slides = SessionPageFactory(parent=summit, title="Talk with slides")
    SessionResource.objects.create(page=slides, resource=ResourceFactory(kind=ResourceKind.SLIDES))
    waiting = SessionPageFactory(parent=summit, title="Talk with materials waiting")
    elsewhere = SessionPageFactory(parent=other, title="Talk at another event")
    return {
        "summit": summit,
        "recorded": recorded,
        "slides": slides,
        "waiting": waiting,
        "elsewhere": elsewhere,
    }


def titles(response):
    body = response.content.decode()
    return {
        title
        for title in [
            "Recorded keynote",
            "Talk with slides",
            "Talk with materials waiting",
            "Talk at another event",
        ]
        if title in body
    }


def test_an_editor_finds_sessions_in_the_menu_and_the_listing(editor_client, sessions):
    dashboard = editor_client.get("/admin/").content.decode()
    assert LISTING in dashboard

    response = editor_client.get(LISTING)

    assert response.status_code == 200
    assert len(titles(response)) == 4


def test_sessions_filter_by_event_and_recording(editor_client, sessions):
    by_event = editor_client.get(LISTING, {"event": sessions["summit"].pk})
    recorded = editor_client.get(LISTING, {"has_recording": "true"})
    not_recorded = editor_client.get(
        LISTING, {"event": sessions["summit"].pk, "has_recording": "false"}
    )

    assert "Talk at another event" not in titles(by_event)
    assert titles(by_event) >= {"Recorded keynote", "Talk with slides"}
    assert titles(recorded) == {"Recorded keynote"}
    assert titles(not_recorded) == {"Talk with slides", "Talk with materials waiting"}


def test_sessions_filter_by_slides_missing_or_waiting(editor_client, sessions):
    from recap.materials.links import issue_link
    from tests.factories import SpeakerFactory

    speaker = SpeakerFactory()
    MaterialSubmission.objects.create(
        link=issue_link(speaker, sessions["summit"]),
        speaker=speaker,
        session=sessions["waiting"],
        slides_url="https://slides.example/x",
        status=SubmissionStatus.PENDING,
    )

    no_slides = editor_client.get(
        LISTING, {"event": sessions["summit"].pk, "materials": "no_slides"}
    )
    waiting = editor_client.get(LISTING, {"materials": "pending"})

    assert titles(no_slides) == {"Recorded keynote", "Talk with materials waiting"}
    assert titles(waiting) == {"Talk with materials waiting"}
