"""Every public page type of the demo in Chromium, at desktop and phone widths:
no serious or critical WCAG 2.2 A/AA violation found by axe-core (bundled by
axe-playwright-python; nothing is fetched), no sideways scrolling, and not a
single Content-Security-Policy violation (a blocked script, style, frame or
image).

One tour of the demo checks all three, so the demo is loaded once: at the
desktop width every page is scanned; at the phone width every page is checked
for reflow, and the pages whose layout changes on a phone (the header's menu,
the programme, the session's question form, the lists) are scanned again."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from recap.events.models import SessionPage
from recap.questions.shortcodes import session_code

# With every module that reads the demo, on the worker that loads it (tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo")]

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}

# One address per public page type, all from the demo.
PAGES = {
    "home": "/",
    "event index": "/events/",
    "event (programme grid)": "/events/open-channels-live/",
    "event (programme list)": "/events/open-channels-live/?view=list",
    "event on now (now and next)": "/events/comms-breakfast-club/",
    # A past event's session: its questions are closed, the list stays.
    "session (questions closed)": "/events/open-channels-live/inside-out/",
    "speaker directory": "/speakers/",
    "speaker page": "/speakers/maya-ellison/",
    "write-up index": "/write-ups/",
    "write-up page": "/write-ups/who-owns-social-media-at-work/",
    "topic index": "/topics/",
    "topic page": "/topics/social-media/",
    "resource library": "/resources/",
    "search results": "/search/?q=excellence",
    # The French site: the conference, and a session whose questions are closed.
    "event in French": "/fr/evenements/journee-open-channels-live/",
    "session in French (questions closed)": (
        "/fr/evenements/journee-open-channels-live/"
        "de-linterieur-les-communicants-internes-et-les-reseaux-sociaux/"
    ),
}
# Scanned by axe at the phone width too (every page is checked for reflow).
PHONE_SCANS = {
    "home",
    "event (programme grid)",
    "event (programme list)",
    "session (questions closed)",
    "speaker directory",
    "search results",
    "event in French",
}
WIDTHS = {"desktop": 1280, "phone": 390}

RECORD_CSP_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def blocking_violations(page):
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": WCAG_TAGS},
            "resultTypes": ["violations"],
        },
    )
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def describe(label, path, violations):
    lines = [f"{label} ({path}):"]
    for violation in violations:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


def page_scrolls_sideways(page, width):
    return page.evaluate("() => document.documentElement.scrollWidth") > width


def recording_csp_violations(page):
    """Make the tab record every CSP violation (the page's event, and
    Chromium's console message); returns a function that takes the
    violations recorded on the current page."""
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
    page.add_init_script(RECORD_CSP_VIOLATIONS)

    def take():
        page.wait_for_load_state("load")
        found = page.evaluate("window.__cspViolations") + console
        console.clear()
        return found

    return take


def test_public_pages_are_accessible_reflow_and_keep_to_their_csp(
    live_server, new_page, demo, settings
):
    session = SessionPage.objects.get(slug="inside-out")
    pages = {
        **PAGES,
        "ask page (short link)": f"/q/{session_code(session)}/",
        "present mode": f"/q/{session_code(session)}/present/",
    }
    problems = []

    for device, width in WIDTHS.items():
        page = new_page(width=width, height=900)
        csp_violations = recording_csp_violations(page)
        for label, path in pages.items():
            response = page.goto(live_server.url + path)
            assert response.status == 200, f"{label} ({path}) answered {response.status}"
            headers = {name.title() for name in response.headers}
            if "Content-Security-Policy" not in headers:
                problems.append(f"{label} ({path}) has no Content-Security-Policy header")
            found = csp_violations()
            if found:
                problems.append(f"{label} ({path}) broke its CSP: {found}")
            if device == "desktop" or label in PHONE_SCANS:
                violations = blocking_violations(page)
                if violations:
                    problems.append(f"[{device}] " + describe(label, path, violations))
            # Reflow (WCAG 1.4.10): the page never scrolls sideways; wide
            # tables scroll inside their own region.
            if page_scrolls_sideways(page, width):
                problems.append(f"{label} ({path}) is wider than the {width} px screen")

    # The ask form showing errors, on the phone: an empty question is
    # refused with a message.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0  # no need to wait like a person
    page.goto(live_server.url + "/events/comms-breakfast-club/ask-me-anything-social/")
    page.locator("#ask-question form button[type=submit]").click()
    expect(page.get_by_text("nothing was sent yet").first).to_be_visible()
    violations = blocking_violations(page)
    if violations:
        problems.append(describe("question form with errors", page.url, violations))

    assert not problems, "\n\n".join(problems)
