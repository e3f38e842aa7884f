"""The resource library and a topic's page in French (issue 11)."""

import pytest
from wagtail.models import Page

from recap.resources.models import ResourceKind, ResourceLibraryPage, ResourceTopic, TopicIndexPage
from tests.factories import ResourceFactory, TopicFactory, site_root
from tests.french import serve_in_french, text

pytestmark = pytest.mark.django_db


def add_page(model, **kwargs):
    page = model(**kwargs)
    site_root().add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def test_resource_library_in_french_shows_french_filters_kinds_and_count():
    library = add_page(ResourceLibraryPage, title="Resources", slug="resources")
    ResourceFactory(title="The maturity model", kind=ResourceKind.RESEARCH)

    tree = serve_in_french(library)

    assert tree.xpath('//form[@class="filters"]')[0].get("aria-label") == "Filtrer les ressources"
    assert text(tree, '//form[@class="filters"]//button') == ["Afficher les ressources"]
    assert "Tous les types" in text(tree, "//option")
    assert text(tree, '//p[@role="status"]') == ["1 ressource."]
    assert text(tree, '//span[@class="badge badge--kind"]') == ["Rapport de recherche"]


def test_topic_page_in_french_heads_its_resources_in_french():
    topics = add_page(TopicIndexPage, title="Topics", slug="topics")
    topic = TopicFactory(name="Internal comms", slug="internal-comms")
    ResourceTopic.objects.create(tag=topic, content_object=ResourceFactory())

    tree = serve_in_french(topics, "/topics/internal-comms/")

    assert text(tree, '//header[@class="page-header"]/p[@class="meta"]/a') == ["Thèmes"]
    assert "Ressources" in text(tree, "//h2")
