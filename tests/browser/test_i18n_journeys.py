"""Issue 21's journeys in Chromium: a French reader finds on /fr/evenements/
what /fr/ shows, follows a speaker across languages (the switch and the
canonical name the same person), and event pages have no two landmarks of
the same name; a delegate on a 390 px phone reads a Dubai session in their
agenda at Dubai's time."""

import datetime as dt
import re
import zoneinfo

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.factories import EventPageFactory, SessionPageFactory

# With every module that reads the demo, on the worker that loads it (tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo")]

SPEAKER = "/speakers/maya-ellison/"
FRENCH_SPEAKER = "/fr/intervenants/maya-ellison/"
EVENT_PAGES = [
    "/events/open-channels-live/",
    "/events/open-channels-live/?view=list",
    "/events/comms-breakfast-club/",
    "/fr/evenements/journee-open-channels-live/",
]


def landmark_violations(page):
    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "rule", "values": ["landmark-unique"]},
            "resultTypes": ["violations"],
        },
    )
    return [node["html"][:160] for v in results.response["violations"] for node in v["nodes"]]


def test_french_reader_lists_events_and_follows_a_speaker_across_languages(
    live_server, new_page, demo
):
    page = new_page(width=390, height=844)
    page.goto(live_server.url + "/fr/evenements/")

    # What /fr/ shows: the upcoming events, the untranslated ones in English, marked.
    upcoming = page.locator("#upcoming li.event-card")
    expect(upcoming.first).to_be_visible()
    expect(page.locator("#upcoming")).not_to_contain_text("Aucun événement à venir")
    english = page.locator('#upcoming li.event-card[lang="en-gb"]').first
    expect(english).to_contain_text("(en anglais)")
    expect(page.locator("#past li.event-card", has_text="Open Channels Live")).to_have_count(1)

    page.goto(live_server.url + FRENCH_SPEAKER)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    canonical = page.locator('link[rel="canonical"]')
    expect(canonical).to_have_attribute("href", live_server.url + FRENCH_SPEAKER)
    expect(page.locator('link[rel="alternate"][hreflang="en-gb"]')).to_have_attribute(
        "href", live_server.url + SPEAKER
    )

    switcher = page.get_by_role("navigation", name=re.compile("Language|Langue"))
    switcher.get_by_role("link", name="English").click()

    expect(page).to_have_url(live_server.url + SPEAKER)
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")
    page.get_by_role("navigation", name=re.compile("Language|Langue")).get_by_role(
        "link", name="Français"
    ).click()
    expect(page).to_have_url(live_server.url + FRENCH_SPEAKER)

    for path in EVENT_PAGES:
        page.goto(live_server.url + path)
        assert landmark_violations(page) == [], path


def test_delegate_reads_a_dubai_session_at_dubais_time_on_a_phone(live_server, new_page):
    dubai = zoneinfo.ZoneInfo("Asia/Dubai")
    start = dt.datetime(2031, 3, 10, 9, 0, tzinfo=dubai)
    event = EventPageFactory(
        title="Comms Breakfast Club Dubai", time_zone="Asia/Dubai", start=start, city="Dubai"
    )
    event.end = start + dt.timedelta(hours=8)
    event.save()
    session = SessionPageFactory(
        parent=event,
        title="Leading in the open",
        start=dt.datetime(2031, 3, 10, 12, 30, tzinfo=dubai),
        end=dt.datetime(2031, 3, 10, 14, 0, tzinfo=dubai),
    )
    page = new_page(width=390, height=844)
    page.goto(live_server.url + session.url)
    page.locator(f'button[value="{session.pk}"]').click()

    page.goto(live_server.url + "/calendar/agenda/")
    item = page.locator(f"#session-{session.pk}")
    expect(item).to_contain_text("12:30–14:00")
    expect(item).to_contain_text("Asia/Dubai")
    remove = item.get_by_role("button", name="Remove “Leading in the open” from my agenda")
    expect(remove).to_be_visible()
    expect(remove).to_have_text(re.compile(r"^\s*Remove"))
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390

    remove.click()
    expect(page.locator(f"#session-{session.pk}")).to_have_count(0)
