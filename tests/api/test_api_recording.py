"""The API gives a session's recording (status, licence, opt-out, captions
file, chapters) and how it can be followed, as the session page and frab
do (issue 23)."""

import datetime as dt

import pytest

from tests.events.test_recording import CAPTIONS, VIDEO, chapters_of
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


def test_api_session_has_its_recording_and_how_it_can_be_followed(client):
    event = EventPageFactory(
        default_recording_status="recorded",
        default_recording_licence="CC BY 4.0",
        default_sign_language=True,
        default_language="en",
    )
    session = SessionPageFactory(
        parent=event,
        recording_url=VIDEO,
        captions_text=CAPTIONS,
        live_captions="human",
        end=event.start + dt.timedelta(hours=1, minutes=45),
    )
    chapters_of(session, (0, "Welcome"), (90, "The newsletter"))

    data = client.get(f"/api/v2/pages/{session.pk}/").json()

    assert data["recording"] == {
        "url": VIDEO,
        "status": "recorded",
        "licence": "CC BY 4.0",
        "optout": False,
        "captions_url": f"http://testserver{session.url}captions.vtt",
        "captions_language": "en",
        "chapters": [
            {"start": 0, "end": 90, "title": "Welcome"},
            {"start": 90, "end": 2700, "title": "The newsletter"},
        ],
    }
    assert data["following"] == {
        "live_captions": "human",
        "sign_language": True,
        "slides_in_advance": False,
        "language": "en",
        "accessibility_features": ["captions", "signLanguage"],
    }


def test_api_session_without_a_recording_says_so_with_its_events_defaults(client):
    event = EventPageFactory(default_recording_status="will_be_recorded")
    session = SessionPageFactory(parent=event, recording_optout=True)

    recording = client.get(f"/api/v2/pages/{session.pk}/").json()["recording"]

    assert recording == {
        "url": "",
        "status": "will_be_recorded",
        "licence": "",
        "optout": True,
        "captions_url": None,
        "captions_language": "",
        "chapters": [],
    }
