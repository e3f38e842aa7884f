"""A reader on a phone (390 px) reads the London conference in English,
switches to French with the header's language links, sees the programme with
French dates, and opens a session."""

import re

import pytest
from playwright.sync_api import expect

# With every module that reads the demo, on the worker that loads it (tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo")]

EVENT = "/events/open-channels-live/"
FRENCH_EVENT = "/fr/evenements/journee-open-channels-live/"
FRENCH_SESSION = "De l’intérieur : les communicants internes et les réseaux sociaux"
FRENCH_DAYS = re.compile(r"\b(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\b")


def test_reader_switches_to_french_and_opens_a_session(live_server, new_page, demo):
    page = new_page(width=390, height=844)
    page.goto(live_server.url + EVENT)
    expect(page.locator("html")).to_have_attribute("lang", "en-gb")

    switcher = page.get_by_role("navigation", name=re.compile("Language|Langue"))
    switcher.get_by_role("link", name="Français").click()

    expect(page).to_have_url(live_server.url + FRENCH_EVENT)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Open Channels Live")
    expect(
        page.get_by_role("navigation", name=re.compile("Language|Langue")).get_by_role(
            "link", name="Français"
        )
    ).to_have_attribute("aria-current", "true")
    assert FRENCH_DAYS.search(page.locator("main").inner_text().lower())
    # The header's sections lead to the French site.
    expect(page.locator('.site-nav a[href="/fr/evenements/"]')).to_have_count(1)

    page.get_by_role("link", name=FRENCH_SESSION, exact=True).first.click()

    expect(page.get_by_role("heading", level=1)).to_have_text(FRENCH_SESSION)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    assert "/fr/evenements/journee-open-channels-live/" in page.url
