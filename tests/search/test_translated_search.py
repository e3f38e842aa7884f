"""The site search with speakers and resources translated: each person and
resource is found once, and shown in the reader's language."""

import pytest

from tests.factories import ResourceFactory, SpeakerFactory, SpeakerIndexPageFactory, site_root
from tests.search.test_search import result_titles
from tests.translating import french, french_url, in_french, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def i18n(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    french()
    site_root()
    SpeakerIndexPageFactory()


def test_search_finds_a_translated_speaker_once_in_the_readers_language(client):
    speaker = SpeakerFactory(name="Wilhelmina Okonkwo", job_title="Head of Comms")
    translate(speaker, job_title="Responsable de la communication")

    with in_french():
        french_response = client.get(french_url("/search/?q=Okonkwo"))
    english_response = client.get("/search/?q=Okonkwo")

    assert result_titles(french_response).count("Wilhelmina Okonkwo") == 1
    assert result_titles(english_response).count("Wilhelmina Okonkwo") == 1
    assert "Responsable de la communication" in french_response.content.decode()
    assert "Responsable" not in english_response.content.decode()


def test_search_finds_a_translated_resource_once_in_the_readers_language(client):
    resource = ResourceFactory(title="Employee advocacy report", note="Numbers.")
    translate(resource, title="Rapport sur l’engagement des salariés", note="Des chiffres.")

    with in_french():
        french_response = client.get(french_url("/search/?q=advocacy"))
    english_response = client.get("/search/?q=advocacy")

    assert result_titles(french_response) == ["Rapport sur l’engagement des salariés"]
    assert result_titles(english_response) == ["Employee advocacy report"]


def test_search_narrowed_by_a_topic_lists_a_translated_speaker_once(client):
    from recap.events.models import SessionTopic
    from tests.factories import EventPageFactory, SessionPageFactory, TopicFactory, add_speaker

    topic = TopicFactory(name="Advocacy")
    session = SessionPageFactory(parent=EventPageFactory())
    SessionTopic.objects.create(tag=topic, content_object=session)
    speaker = SpeakerFactory(name="Wilhelmina Okonkwo")
    add_speaker(session, speaker)
    translate(speaker, job_title="Responsable")

    response = client.get(f"/search/?q=Okonkwo&topic={topic.slug}")

    assert result_titles(response).count("Wilhelmina Okonkwo") == 1
