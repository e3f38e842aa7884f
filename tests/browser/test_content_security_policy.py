"""The main pages load in Chromium without a single Content-Security-Policy
violation (a blocked script, style, frame or image)."""

import io

import pytest
from django.core.management import call_command

from recap.events.models import SessionPage
from recap.questions.shortcodes import session_code

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    "/",
    "/events/",
    "/events/open-channels-live/",
    "/events/open-channels-live/inside-out/",
    "/speakers/",
    "/speakers/maya-ellison/",
    "/write-ups/",
    "/write-ups/who-owns-social-media-at-work/",
    "/topics/social-media/",
    "/resources/",
    "/search/?q=excellence",
]

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


@pytest.fixture
def demo():
    call_command("load_demo", "--quiet", stdout=io.StringIO(), stderr=io.StringIO())


def test_main_pages_load_without_csp_violations(live_server, page, demo):
    session = SessionPage.objects.get(slug="inside-out")
    paths = [*PAGES, f"/q/{session_code(session)}/", f"/q/{session_code(session)}/present/"]
    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    page.add_init_script(RECORD_VIOLATIONS)

    violations = {}
    for path in paths:
        response = page.goto(live_server.url + path)
        assert "Content-Security-Policy" in {k.title(): v for k, v in response.headers.items()}
        page.wait_for_load_state("load")
        found = page.evaluate("window.__cspViolations") + console
        console.clear()
        if found:
            violations[path] = found

    assert violations == {}
