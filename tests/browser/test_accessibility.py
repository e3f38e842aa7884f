"""axe-core (bundled by axe-playwright-python; nothing is fetched) on every public
page type of the demo, at desktop and phone widths: no serious or critical
WCAG 2.2 A/AA violation."""

import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

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


@pytest.fixture
def demo():
    call_command("load_demo", "--quiet", stdout=io.StringIO(), stderr=io.StringIO())


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


@pytest.mark.parametrize("width", [1280, 390], ids=["desktop", "phone"])
def test_public_pages_have_no_serious_accessibility_violations(
    live_server, new_page, demo, settings, width
):
    page = new_page(width=width, height=900)
    problems = []

    for label, path in PAGES.items():
        response = page.goto(live_server.url + path)
        assert response.status == 200, f"{label} ({path}) answered {response.status}"
        violations = blocking_violations(page)
        if violations:
            problems.append(describe(label, path, violations))
        # Reflow (WCAG 1.4.10): the page never scrolls sideways; wide tables
        # scroll inside their own region.
        if page_scrolls_sideways(page, width):
            problems.append(f"{label} ({path}) is wider than the {width} px screen")

    # The ask form showing errors: an empty question is refused with a message.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0  # no need to wait like a person
    page.goto(live_server.url + "/events/comms-breakfast-club/ask-me-anything-social/")
    page.locator("#ask-question form button[type=submit]").click()
    expect(page.get_by_text("nothing was sent yet").first).to_be_visible()
    violations = blocking_violations(page)
    if violations:
        problems.append(describe("question form with errors", page.url, violations))

    assert not problems, "\n\n".join(problems)
