"""A French reader on a phone (390 px) follows the event's hashtag to the
search, misspells a speaker's name, takes "Vouliez-vous dire" and lands on
the speaker's French page: every link of the search keeps them in French."""

import re

import pytest
from playwright.sync_api import expect

# With every module that reads the demo, on the worker that loads it (tests/conftest.py).
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.xdist_group("demo")]

FRENCH_EVENT = "/fr/evenements/journee-open-channels-live/"


def test_french_reader_searches_and_stays_in_french(live_server, new_page, demo):
    page = new_page(width=390, height=844)
    page.goto(live_server.url + FRENCH_EVENT)

    page.get_by_role("link", name="#OpenChannelsLive").click()

    expect(page).to_have_url(re.compile(r"/fr/search/\?q=%23OpenChannelsLive$"))
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    first = page.locator(".search-result__title a").first
    expect(first).to_have_text("Open Channels Live")
    expect(first).to_have_attribute("href", FRENCH_EVENT)

    page.locator("#search-q").fill("elison")
    page.locator(".search-form button[type=submit]").click()

    suggestion = page.locator(".search-suggestion")
    expect(suggestion).to_contain_text("Vouliez-vous dire")
    expect(suggestion.get_by_role("link", name="Ellison")).to_be_visible()
    page.locator(".search-result__title").get_by_role("link", name="Maya Ellison").click()

    expect(page).to_have_url(live_server.url + "/fr/intervenants/maya-ellison/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Maya Ellison")
