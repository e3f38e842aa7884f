"""The resource chooser's "Create" tab (issue 22): a research link not yet
in the library is added from the page's editor, without leaving it, by a
stock Editor; picks made before creating are kept; "Sorry, no ... match"
names resources."""

import json

import pytest
from django.urls import reverse
from lxml import html as lxml_html

from recap.resources.models import Resource
from tests.factories import ResourceFactory

pytestmark = pytest.mark.django_db

CHOOSE_URL = "wagtailsnippetchoosers_recap_resources_resource:choose"
RESULTS_URL = "wagtailsnippetchoosers_recap_resources_resource:choose_results"
CREATE_URL = "wagtailsnippetchoosers_recap_resources_resource:create"


def modal_json(response):
    assert response.status_code == 200
    return json.loads(response.content)


def test_resource_chooser_has_a_create_tab_with_what_and_where(editor_client):
    data = modal_json(editor_client.get(reverse(CHOOSE_URL), {"multiple": "1"}))

    tree = lxml_html.fromstring(data["html"])
    tabs = [tab.text_content().split()[0] for tab in tree.xpath('//*[@role="tab"]')]
    assert tabs == ["Search", "Create"]
    form = tree.xpath("//form[@data-chooser-modal-creation-form]")[0]
    names = {field.get("name") for field in form.xpath(".//input|.//select|.//textarea")}
    assert {"new_resource-title", "new_resource-kind", "new_resource-url"} <= names


def test_an_editor_creates_a_resource_in_the_chooser_and_it_is_chosen(editor_client):
    response = editor_client.post(
        reverse(CREATE_URL),
        {
            "new_resource-title": "Trust in the workplace, 2026",
            "new_resource-kind": "research",
            "new_resource-url": "https://research.example.org/trust-2026",
            "new_resource-publisher": "Northwind Institute",
        },
    )

    data = modal_json(response)
    resource = Resource.objects.get(title="Trust in the workplace, 2026")
    assert resource.url == "https://research.example.org/trust-2026"
    assert resource.publisher == "Northwind Institute"
    assert data["step"] == "chosen"
    assert data["result"]["id"] == str(resource.pk)
    assert data["result"]["string"] == "Trust in the workplace, 2026"


def test_creating_in_a_multiple_chooser_returns_the_earlier_picks_too(editor_client):
    picked = ResourceFactory(title="Picked before")

    data = modal_json(
        editor_client.post(
            reverse(CREATE_URL) + "?multiple=1",
            {
                "new_resource-title": "Made in the chooser",
                "new_resource-kind": "article",
                "picked": [str(picked.pk)],
            },
        )
    )

    assert [item["string"] for item in data["result"]] == ["Picked before", "Made in the chooser"]


def test_a_resource_without_a_title_is_refused_in_the_modal(editor_client):
    data = modal_json(editor_client.post(reverse(CREATE_URL), {"new_resource-kind": "article"}))

    assert data["step"] == "reshow_creation_form"
    assert not Resource.objects.exists()


def test_a_search_that_finds_no_resource_says_resources(editor_client):
    ResourceFactory(title="Trust barometer")

    response = editor_client.get(reverse(RESULTS_URL), {"q": "Zebulon"})

    assert "Sorry, no resources match “<em>Zebulon</em>”." in response.content.decode()
