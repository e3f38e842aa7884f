"""The speaker directory and a speaker's page in French (issue 11)."""

import pytest

from tests.factories import SpeakerFactory, SpeakerIndexPageFactory
from tests.french import serve_in_french, text

pytestmark = pytest.mark.django_db


def test_speaker_directory_in_french_shows_french_labels_and_counts():
    directory = SpeakerIndexPageFactory()
    SpeakerFactory(name="Ada Okafor")
    SpeakerFactory(name="Ben Lowe")

    tree = serve_in_french(directory)

    assert tree.xpath('//nav[@class="directory-letters"]')[0].get("aria-label") == (
        "Intervenants par lettre"
    )
    assert text(tree, '//form[@class="directory-filters"]//button') == ["Afficher les intervenants"]
    assert text(tree, '//p[@role="status"]') == ["2 intervenants."]


def test_speaker_page_in_french_labels_the_links():
    directory = SpeakerIndexPageFactory()
    speaker = SpeakerFactory(name="Ada Okafor", website="https://ada.example")

    tree = serve_in_french(directory, f"{directory.url}{speaker.slug}/")

    assert text(tree, '//p[@class="meta"]/a') == ["Intervenants"]
    assert (
        tree.xpath('//nav[@class="speaker__links"]')[0].get("aria-label") == "Ada Okafor sur le web"
    )
    assert text(tree, '//nav[@class="speaker__links"]//a') == ["Site web"]
