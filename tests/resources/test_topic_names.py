"""A topic's name and description in another language (issue 21): French
readers see the French ones; English readers, and topics without a French
name, the topic's own."""

import pytest
from wagtail.models import Page

from recap.resources.models import ResourceTopic, Topic, TopicIndexPage, TopicName
from tests.factories import ResourceFactory, TopicFactory, site_root
from tests.french import serve_in_french, text
from tests.translating import french

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics():
    page = TopicIndexPage(title="Topics", slug="topics")
    site_root().add_child(instance=page)
    page.save_revision().publish()
    comms = TopicFactory(
        name="Internal comms", slug="internal-comms", description="Talking inside."
    )
    other = TopicFactory(name="Advocacy", slug="advocacy")
    for topic in (comms, other):
        ResourceTopic.objects.create(tag=topic, content_object=ResourceFactory())
    TopicName.objects.create(
        topic=comms, locale=french(), name="Communication interne", description="Se parler."
    )
    return Page.objects.get(pk=page.pk).specific, comms


def test_french_topic_page_shows_the_french_name_and_description(topics, client):
    index, _comms = topics

    tree = serve_in_french(index, "/topics/internal-comms/")

    assert text(tree, "//h1") == ["Communication interne"]
    assert "Se parler." in text(tree, '//div[@class="page-header__intro"]/p')
    english = client.get("/topics/internal-comms/").content.decode()
    assert "<h1>Internal comms</h1>" in english and "Communication interne" not in english


def test_french_topic_index_lists_french_names_and_keeps_the_rest(topics):
    index, _comms = topics

    tree = serve_in_french(index)

    assert text(tree, '//h2[@class="card__title"]/a') == ["Advocacy", "Communication interne"]


def test_a_changed_french_name_shows_at_once(topics):
    index, comms = topics
    serve_in_french(index, "/topics/internal-comms/")  # cached under the old name

    TopicName.objects.filter(topic=comms).update(name="Comm. interne")
    Topic.objects.get(pk=comms.pk).save()  # the editor saves the topic

    tree = serve_in_french(index, "/topics/internal-comms/")
    assert text(tree, "//h1") == ["Comm. interne"]


def test_topic_editor_takes_names_in_other_languages(admin_client):
    topic = TopicFactory(name="Leadership", slug="leadership")
    url = f"/admin/snippets/recap_resources/topic/edit/{topic.pk}/"
    from tests.admin_form import AdminForm

    form = AdminForm(admin_client.get(url).content.decode())
    form.add_inline("names", locale=str(french().pk), name="Leadership", description="")

    response = admin_client.post(url, form.data)

    assert response.status_code == 302
    assert list(topic.names.values_list("locale__language_code", "name")) == [("fr", "Leadership")]
