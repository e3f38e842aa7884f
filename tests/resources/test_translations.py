"""Resources in more than one language: one resource, one record (the
default locale's), its title and note read in the reader's language."""

import pytest
from django.urls import reverse

from recap.events.models import SessionResource
from recap.resources.models import Resource, ResourceLibraryPage
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    TopicFactory,
)
from tests.resources.test_views import add_page
from tests.translating import french, french_url, in_french, translate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def i18n(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    french()


@pytest.fixture
def report():
    resource = ResourceFactory(title="The state of comms", note="Worth a read.")
    translate(resource, title="L’état de la communication", note="À lire.")
    return resource


def test_resource_library_lists_each_resource_once_in_the_readers_language(client, report):
    library = add_page(ResourceLibraryPage, title="Resources", slug="resources")

    with in_french():
        french_page = client.get(french_url(library.url)).content.decode()
    english_page = client.get(library.url).content.decode()

    assert french_page.count("L’état de la communication") == 1
    assert "À lire." in french_page
    assert "The state of comms" not in french_page
    assert english_page.count("The state of comms") == 1
    assert "L’état" not in english_page


def test_a_translation_is_text_only_its_links_stay_with_the_resource():
    speaker = SpeakerFactory()
    resource = ResourceFactory()
    resource.speakers.add(speaker)
    resource.topics.add(TopicFactory())
    resource.save()

    translated = translate(resource, title="Une ressource")

    assert translated.translation_key == resource.translation_key
    assert list(translated.speakers.all()) == []
    assert list(translated.topics.all()) == []
    assert list(speaker.resources.all()) == [resource]


def test_a_translation_linked_to_a_session_links_the_resource_itself(report):
    session = SessionPageFactory(parent=EventPageFactory())
    translated = Resource.objects.get(translation_key=report.translation_key, locale=french())

    link = SessionResource.objects.create(page=session, resource=translated)

    link.refresh_from_db()
    assert link.resource_id == report.pk


def test_resource_chooser_offers_resources_not_translations(admin_client, report):
    response = admin_client.get(reverse("wagtailsnippetchoosers_recap_resources_resource:choose"))

    results = response.json()["html"]
    assert "The state of comms" in results
    assert "L’état de la communication" not in results


def test_resource_editor_offers_people_not_translations(admin_client):
    speaker = SpeakerFactory(name="Ada Quill")
    translate(speaker, job_title="Directrice")

    response = admin_client.get(reverse("wagtailsnippets_recap_resources_resource:add"))

    form = response.context["form"]
    assert list(form.fields["speakers"].queryset) == [speaker]


def test_translate_action_makes_a_french_resource_from_the_admin(admin_client):
    resource = ResourceFactory(title="Slides")
    url = reverse(
        "simple_translation:submit_snippet_translation",
        args=["recap_resources", "resource", resource.pk],
    )

    response = admin_client.post(url, {"locales": [french().pk]})

    assert response.status_code == 302
    assert Resource.objects.filter(
        translation_key=resource.translation_key, locale=french()
    ).exists()


def test_topic_page_in_french_lists_resources_in_french_next_to_events(client, report):
    from recap.events.models import EventTopic
    from recap.resources.models import ResourceTopic, TopicIndexPage

    topics_page = add_page(TopicIndexPage, title="Topics", slug="topics")
    topic = TopicFactory(name="Comms", slug="comms")
    ResourceTopic.objects.create(tag=topic, content_object=report)
    EventTopic.objects.create(tag=topic, content_object=EventPageFactory(title="Comms Summit"))

    with in_french():
        response = client.get(french_url(f"{topics_page.url}comms/"))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Comms Summit" in page
    assert "L’état de la communication" in page
