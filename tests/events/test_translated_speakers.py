"""Event and session pages with speakers and resources translated into
French: the reader's language is shown, in the same number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recap.events.models import SessionResource
from recap.resources.models import Resource
from recap.speakers.models import Speaker
from tests.events.test_views import quick_session
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    add_speaker,
    make_image,
)
from tests.translating import french, french_url, in_french, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def i18n(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    french()


def test_session_page_shows_a_resource_card_in_the_readers_language(client):
    session = SessionPageFactory(parent=EventPageFactory())
    resource = ResourceFactory(title="The state of comms", note="Worth a read.")
    translate(resource, title="L’état de la communication", note="À lire.")
    SessionResource.objects.create(page=session, resource=resource)

    with in_french():
        french_page = client.get(french_url(session.url)).content.decode()
    english_page = client.get(session.url).content.decode()

    assert "L’état de la communication" in french_page
    assert "À lire." in french_page
    assert "The state of comms" in english_page
    assert "L’état" not in english_page


def session_with_translated_speakers(count):
    SpeakerIndexPageFactory()
    session = SessionPageFactory()
    photo = make_image()
    for n in range(count):
        speaker = SpeakerFactory(photo=photo if n % 2 else None)
        translate(speaker, job_title=f"Poste {n}")
        add_speaker(session, speaker)
    resource = ResourceFactory()
    translate(resource, title="Une ressource")
    SessionResource.objects.create(page=session, resource=resource)
    return session


def queries_for(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return len(queries), response.content.decode()


@pytest.mark.parametrize("count", [5, 25])
def test_session_page_queries_with_translations_present_are_unchanged(client, count):
    session = session_with_translated_speakers(count)
    client.get(session.url)  # warm: renditions are generated on the first view

    with_translations, page = queries_for(client, session.url)
    Speaker.objects.filter(locale__language_code="fr").delete()
    Resource.objects.filter(locale__language_code="fr").delete()
    client.get(session.url)  # warm again: a delete moves the content version on
    without_translations, _ = queries_for(client, session.url)

    assert with_translations == without_translations
    assert "Poste " not in page


@pytest.mark.parametrize("count", [5, 25])
def test_session_page_in_french_reads_translations_in_the_same_queries(
    client, django_assert_max_num_queries, count
):
    session = session_with_translated_speakers(count)
    with in_french():
        client.get(french_url(session.url))  # warm: renditions are generated on the first view

        # 15, and 2 that Wagtail's routing adds when French is active and the
        # page is not in a French tree (a locale and an ancestor lookup): the
        # translations come inside the speakers' and resources' queries.
        # +1: the content version, read from the database once per request (recap.core.versioning).
        with django_assert_max_num_queries(18):
            response = client.get(french_url(session.url))

    page = response.content.decode()
    assert page.count("Poste ") == 2 * count  # the speaker list and the JSON-LD
    assert "Une ressource" in page


@pytest.mark.parametrize("count", [5, 25])
def test_event_page_queries_in_french_do_not_grow_with_sessions(
    client, django_assert_max_num_queries, count
):
    SpeakerIndexPageFactory()
    event = EventPageFactory()
    for n in range(count):
        session = quick_session(event, n, room=f"Room {n % 4}")
        speaker = SpeakerFactory()
        translate(speaker, job_title=f"Poste {n}")
        add_speaker(session, speaker)
    with in_french():
        client.get(
            french_url(event.url)
        )  # warm caches (site root paths, the programme's fragments)

        # +1: the content version, read from the database once per request (recap.core.versioning).
        with django_assert_max_num_queries(9):  # issue 12: pretalx's schedule makes 8
            response = client.get(french_url(event.url))

    assert response.content.decode().count('name="star"') == count
