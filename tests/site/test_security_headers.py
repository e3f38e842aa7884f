"""Content-Security-Policy and Permissions-Policy on every public page type,
left off the admin (whose inline scripts a strict policy would break)."""

import io

import pytest
from django.core.management import call_command
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from recap.core.middleware import SecurityHeadersMiddleware
from recap.events.models import SessionPage
from recap.questions.shortcodes import session_code

pytestmark = pytest.mark.django_db

PATHS = [
    "/",
    "/events/",
    "/events/open-channels-live/",
    "/events/open-channels-live/?view=list",
    "/events/open-channels-live/inside-out/",
    "/events/open-channels-live/programme.ics",
    "/events/open-channels-live/schedule.xml",
    "/speakers/",
    "/speakers/maya-ellison/",
    "/write-ups/",
    "/write-ups/who-owns-social-media-at-work/",
    "/write-ups/feed/rss/",
    "/topics/",
    "/topics/social-media/",
    "/resources/",
    "/search/?q=excellence",
    "/api/v2/pages/",
    "/no-such-page/",
]


@pytest.fixture
def demo():
    call_command("load_demo", "--quiet", stdout=io.StringIO(), stderr=io.StringIO())


def test_every_public_page_type_sends_csp_and_permissions_policy(client, demo):
    session = SessionPage.objects.get(slug="inside-out")
    paths = [*PATHS, f"/q/{session_code(session)}/", f"/q/{session_code(session)}/present/"]

    missing = {}
    for path in paths:
        response = client.get(path)
        csp = response.get("Content-Security-Policy", "")
        if "script-src 'self'" not in csp or "'unsafe-inline'" in csp:
            missing[path] = ("csp", response.status_code, csp)
        elif "camera=()" not in response.get("Permissions-Policy", ""):
            missing[path] = ("permissions", response.status_code)

    assert missing == {}


def test_admin_is_left_to_its_own_policy(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def middleware_response(response=None, path="/"):
    middleware = SecurityHeadersMiddleware(lambda request: response or HttpResponse("ok"))
    return middleware(RequestFactory().get(path))


@override_settings(
    RECAP_CONTENT_SECURITY_POLICY={"default-src": ["'self'"], "img-src": ["*"]},
    RECAP_PERMISSIONS_POLICY=None,
)
def test_policies_come_from_settings():
    response = middleware_response()

    assert response["Content-Security-Policy"] == "default-src 'self'; img-src *"
    assert "Permissions-Policy" not in response


def test_a_policy_already_set_is_kept():
    own = HttpResponse("ok")
    own["Content-Security-Policy"] = "default-src 'none'"

    response = middleware_response(own)

    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_honeypot_style_hash_matches_the_template():
    from django.template.loader import get_template

    from recap.core.middleware import HONEYPOT_STYLE

    source = get_template("recap_questions/includes/question_form.html").template.source

    assert f'style="{HONEYPOT_STYLE}"' in source
