"""Content-Security-Policy and Permissions-Policy: from the settings, kept
when a view sets its own, left off the admin (whose inline scripts a strict
policy would break). That every public page type of the demo sends them is
checked in test_links.py, which loads the demo once for both."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from recap.core.middleware import SecurityHeadersMiddleware

pytestmark = pytest.mark.django_db


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
