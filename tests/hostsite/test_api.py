"""Recap's API in a host: off unless the host turns it on, and when on,
only Recap's page types (and snippets) unless the host widens the list."""

import pytest
from django.conf import settings
from django.test import override_settings

from home.models import HomePage
from recap.urls.api import api_urlpatterns
from tests.factories import EventPageFactory, site_root

pytestmark = pytest.mark.django_db


@pytest.fixture
def host_page():
    """A page of a model Recap does not own (the reference site's home page
    stands in for any host page type)."""
    return site_root().add_child(
        instance=HomePage(title="Host landing", slug="landing", search_description="Host only")
    )


@override_settings()
def test_api_is_off_for_a_host_that_says_nothing():
    del settings.RECAP_API_ENABLED

    assert api_urlpatterns() == []


@override_settings(RECAP_API_ENABLED=True)
def test_api_is_mounted_when_the_host_turns_it_on():
    assert [str(pattern.pattern) for pattern in api_urlpatterns()] == ["api/v2/"]


def test_api_does_not_list_host_page_types(client, host_page):
    EventPageFactory(title="Summit")

    by_type = client.get("/api/v2/pages/?type=home.HomePage")
    every_page = client.get("/api/v2/pages/")

    assert by_type.status_code == 200
    assert by_type.json()["items"] == []
    titles = {item["title"] for item in every_page.json()["items"]}
    assert "Summit" in titles
    assert "Host landing" not in titles
    assert client.get(f"/api/v2/pages/{host_page.pk}/").status_code == 404
    assert client.get(f"/api/v2/pages/?child_of={host_page.pk}").status_code == 400


@override_settings(RECAP_API_PAGE_TYPES=["home.HomePage"])
def test_api_lists_the_page_types_a_host_adds(client, host_page):
    response = client.get("/api/v2/pages/?type=home.HomePage")

    assert [item["title"] for item in response.json()["items"]] == ["Host landing"]
    assert client.get(f"/api/v2/pages/{host_page.pk}/").status_code == 200
