"""The ask form's scripts speak the page's language: the character count and
the vote button's "Voted" come from data- attributes the templates write
(issue 11). The page is rendered in French by Django, then run in Chromium."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.factories import SessionPageFactory

SCRIPT = Path(__file__).resolve().parents[2] / "questions/static/recap_questions/questions.js"


@pytest.mark.django_db
def test_character_count_is_french_on_a_french_page(client, new_page):
    session = SessionPageFactory(title="Social media and internal comms")
    html = client.get("/fr" + session.url).content.decode()
    page = new_page(width=390, height=844)
    page.set_content(html)
    page.add_script_tag(path=str(SCRIPT))

    page.get_by_label("Votre question").fill("Pourquoi")
    expect(page.locator("[data-recap-count]")).to_have_text(
        "8 caractères sur 500\u00a0: trop court"
    )
    page.get_by_label("Votre question").fill("Pourquoi les réseaux sociaux ?")
    expect(page.locator("[data-recap-count]")).to_have_text("30 caractères sur 500")
