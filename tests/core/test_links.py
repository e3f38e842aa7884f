"""recap.core.links: absolute URLs from the request, or from the Site only
where there is no request."""

import pytest
from django.test import RequestFactory
from wagtail.models import Site

from recap.core.links import absolute, page_url, webcal
from tests.factories import EventPageFactory, site_root

pytestmark = pytest.mark.django_db


def request_for(host):
    return RequestFactory().get("/", HTTP_HOST=host)


def test_absolute_uses_the_requests_host_and_port_not_the_sites():
    site_root()  # the Site record is localhost:80

    url = absolute(request_for("recap.example.org:8123"), "/events/")

    assert url == "http://recap.example.org:8123/events/"


def test_absolute_without_a_request_uses_the_default_site():
    site_root()
    Site.objects.filter(is_default_site=True).update(hostname="recap.example.org", port=443)

    assert absolute(None, "/events/") == "https://recap.example.org/events/"


def test_absolute_keeps_an_absolute_url_and_an_empty_one():
    request = request_for("recap.example.org:8123")

    assert absolute(request, "https://cdn.example.net/a.png") == "https://cdn.example.net/a.png"
    assert absolute(request, "") == ""
    assert absolute(request, None) == ""


def test_page_url_of_a_page_follows_the_request():
    event = EventPageFactory(slug="summit")

    url = page_url(request_for("recap.example.org:8123"), event)

    assert url == f"http://recap.example.org:8123{event.url}"
    assert url.endswith("/summit/")
    assert page_url(None, event) == f"http://localhost{event.url}"


def test_webcal_replaces_the_http_scheme_only():
    assert webcal("https://recap.example.org/a.ics") == "webcal://recap.example.org/a.ics"
    assert webcal("http://127.0.0.1:8000/a.ics") == "webcal://127.0.0.1:8000/a.ics"
    assert webcal("/a.ics") == "/a.ics"
