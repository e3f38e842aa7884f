import pytest

from tests.factories import SessionPageFactory, SpeakerFactory, add_speaker

pytestmark = pytest.mark.django_db


def test_renamed_speaker_is_found_through_their_sessions(client):
    speaker = SpeakerFactory(name="Rosalind Quennell")
    session = SessionPageFactory(title="Listening at scale")
    add_speaker(session, speaker)
    session.save_revision().publish()

    speaker.name = "Rosalind Fairweather"
    speaker.save()

    response = client.get("/search/", {"q": "Fairweather", "type": "session"})
    assert response.status_code == 200
    assert "Listening at scale" in response.content.decode()
