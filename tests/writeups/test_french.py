"""The write-up index and a write-up in French (issue 11)."""

import json

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.users.models import UserProfile

from recap.writeups.blocks import KeyTakeawaysBlock
from tests.factories import (
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
)
from tests.french import serve_in_french, text

pytestmark = pytest.mark.django_db


def test_writeup_index_in_french_says_so_when_empty():
    index = WriteUpIndexPageFactory()

    tree = serve_in_french(index)

    assert "Aucun compte rendu pour l’instant." in text(tree, "//main//p")


def test_writeup_in_french_shows_a_french_byline_and_sections():
    SpeakerIndexPageFactory()
    author = SpeakerFactory(name="Maya Ellison")
    writeup = WriteUpPageFactory(title="What the panel said", author=author)

    tree = serve_in_french(writeup)

    (byline,) = text(tree, '//p[contains(@class, "writeup__byline")]')
    assert byline.startswith("Par Maya Ellison")
    assert byline.endswith("1 min de lecture")
    assert text(tree, '//header[contains(@class, "writeup__header")]/p[@class="meta"]/a') == [
        "Comptes rendus"
    ]
    assert text(tree, '//h2[@class="share-links__heading"]') == ["Partager"]


def test_a_new_key_takeaways_block_is_headed_in_the_editors_language():
    with translation.override("fr"):
        french = KeyTakeawaysBlock().get_default()["heading"]
    with translation.override("en-gb"):
        english = KeyTakeawaysBlock().get_default()["heading"]

    assert (french, english) == ("Points à retenir", "Key takeaways")


def test_resource_card_names_its_kind_and_title_in_french():
    resource = ResourceFactory(title="The Connected Firm", kind="book")
    writeup = WriteUpPageFactory(
        body=json.dumps([{"type": "resource", "value": {"resource": resource.pk, "note": ""}}])
    )

    tree = serve_in_french(writeup)

    card = tree.xpath('//aside[contains(@class, "resource-card")]')[0]
    assert card.get("aria-label") == "Livre\u00a0: The Connected Firm"


def test_share_links_on_a_session_page_are_french():
    session = SessionPageFactory(title="Opening panel", kind="panel")

    tree = serve_in_french(session)

    links = tree.xpath('//nav[contains(@class, "share-links")]')[0]
    assert links.get("aria-label") == "Partager cette page"
    assert text(links, ".//h2") == ["Partager"]
    assert "X (s’ouvre dans un nouvel onglet)" in text(links, ".//a")
    assert "E-mail" in text(links, ".//a")
    assert "Copier le lien" in text(links, ".//button")
    assert links.xpath(".//button")[0].get("data-copied-message") == "Lien copié."


def test_start_a_writeup_button_is_french_for_a_french_editor(admin_client, admin_user):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    event = EventPageFactory()

    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])).content.decode()

    assert "Commencer un compte rendu" in html
    assert "Start a write-up" not in html
