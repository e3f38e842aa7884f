"""Topics as a managed vocabulary: editors pick existing topics (a typo is
refused, never created), add one deliberately in the Topics snippet, and
readers see only topics with something published under them."""

import json

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.models import Page, PageViewRestriction
from wagtail.test.utils.form_data import querydict_from_html

from recap.events.models import EventTopic, SessionTopic
from recap.resources.models import ResourceTopic, Topic, TopicIndexPage
from recap.writeups.models import WriteUpTopic
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    TopicFactory,
    WriteUpPageFactory,
    site_root,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def topics_page():
    page = TopicIndexPage(title="Topics", slug="topics")
    site_root().add_child(instance=page)
    page.save_revision().publish()
    return Page.objects.get(pk=page.pk).specific


def edit_form(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    return url, response, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_topics_field_offers_existing_topics_only_and_speaks_of_topics(admin_client):
    event = EventPageFactory()

    _, response, _ = edit_form(admin_client, event)

    html = response.content.decode()
    options = json.loads(
        response.context["form"]["topics"].field.widget.get_context("topics", "", {})["widget"][
            "attrs"
        ]["data-w-tag-options-value"]
    )
    assert options["autocompleteOnly"] is True
    assert "/admin/tag-autocomplete/recap_resources/topic/" in html
    assert "New topics are added under Recap library › Topics." in html
    label = lxml_html.fromstring(html).xpath('//label[@for="id_topics"]')[0]
    assert label.text_content().split() == ["Topics"]
    assert "Multi-word tags" not in html
    assert "list of tags" not in html


def test_a_typo_in_the_topics_is_refused_and_creates_no_topic(admin_client):
    TopicFactory(name="Social media")
    event = EventPageFactory()
    url, _, data = edit_form(admin_client, event)
    data["topics"] = '"Socail media"'
    data["action-publish"] = "action-publish"

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "Not a topic: Socail media." in response.content.decode()
    assert not Topic.objects.filter(name="Socail media").exists()
    assert not EventTopic.objects.exists()


def test_an_existing_topic_typed_in_another_case_is_picked(admin_client):
    social = TopicFactory(name="Social media")
    session = SessionPageFactory()
    url, _, data = edit_form(admin_client, session)
    data["topics"] = '"social media"'
    data["action-publish"] = "action-publish"

    response = admin_client.post(url, data)

    assert response.status_code == 302
    assert list(SessionTopic.objects.values_list("tag", flat=True)) == [social.pk]
    assert Topic.objects.count() == 1


def test_a_topic_is_added_deliberately_with_its_slug_made_from_the_name(admin_client):
    url = reverse("wagtailsnippets_recap_resources_topic:add")

    response = admin_client.post(
        url,
        {
            "name": "Employee  voice",
            "slug": "",
            "description": "",
            # The "In other languages" inline, left empty.
            "names-TOTAL_FORMS": "0",
            "names-INITIAL_FORMS": "0",
        },
    )

    assert response.status_code == 302
    topic = Topic.objects.get()
    assert (topic.name, topic.slug) == ("Employee voice", "employee-voice")


def test_a_topic_differing_only_in_case_is_refused(admin_client):
    TopicFactory(name="Social media")
    url = reverse("wagtailsnippets_recap_resources_topic:add")

    response = admin_client.post(url, {"name": "social Media", "slug": "", "description": ""})

    assert response.status_code == 200
    assert "There is already a topic “Social media”." in response.content.decode()
    assert Topic.objects.count() == 1


@pytest.fixture
def topics_in_every_state():
    """A topic per way of being (un)published, by name."""
    names = [
        "On a resource",
        "On a live session",
        "On a live write-up",
        "On a draft event",
        "On a private event",
        "Unused",
    ]
    topics = {name: TopicFactory(name=name) for name in names}
    ResourceTopic.objects.create(tag=topics["On a resource"], content_object=ResourceFactory())
    SessionTopic.objects.create(
        tag=topics["On a live session"], content_object=SessionPageFactory(revision=False)
    )
    WriteUpTopic.objects.create(
        tag=topics["On a live write-up"], content_object=WriteUpPageFactory(revision=False)
    )
    draft = EventPageFactory(revision=False)
    draft.unpublish()
    EventTopic.objects.create(tag=topics["On a draft event"], content_object=draft)
    private = EventPageFactory(revision=False)
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    EventTopic.objects.create(tag=topics["On a private event"], content_object=private)
    return topics


PUBLISHED = ["On a live session", "On a live write-up", "On a resource"]


def test_topic_index_lists_only_topics_with_something_published(
    client, topics_page, topics_in_every_state
):
    html = client.get(topics_page.url).content.decode()

    listed = [name for name in topics_in_every_state if f">{name}</a>" in html]
    assert sorted(listed) == PUBLISHED


def test_an_unused_topic_has_no_public_page(client, topics_page, topics_in_every_state):
    assert client.get("/topics/on-a-live-session/").status_code == 200
    assert client.get("/topics/unused/").status_code == 404
    assert client.get("/topics/on-a-draft-event/").status_code == 404


def test_sitemap_lists_only_published_topics(client, topics_page, topics_in_every_state):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/topics/on-a-resource/" in xml
    assert "/topics/on-a-live-write-up/" in xml
    assert "/topics/unused/" not in xml
    assert "/topics/on-a-private-event/" not in xml


def test_search_topic_filter_offers_only_published_topics(client, topics_in_every_state):
    html = client.get("/search/?q=anything").content.decode()

    assert 'value="on-a-live-session"' in html
    assert 'value="unused"' not in html
    assert 'value="on-a-draft-event"' not in html
