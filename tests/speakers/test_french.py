"""The speaker directory, a speaker's page and the merge screen in French (issue 11)."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import SpeakerFactory, SpeakerIndexPageFactory, WriteUpPageFactory
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


def test_merge_confirmation_in_french_counts_links_in_french(client, django_user_model):
    user = django_user_model.objects.create_superuser("editeur", "editeur@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"  # Wagtail's admin speaks the editor's language
    profile.save()
    client.force_login(user)
    keep, duplicate = SpeakerFactory(name="Ada Quill"), SpeakerFactory(name="A. Quill")
    WriteUpPageFactory(author=duplicate)
    WriteUpPageFactory(author=duplicate)
    url = reverse("wagtailsnippets_recap_speakers_speaker:merge", args=[duplicate.pk])

    confirm = client.post(url, {"target": keep.pk})

    html = confirm.content.decode()
    assert "Ces liens passent à Ada Quill" in html
    assert "<li>2 comptes rendus</li>" in html
    assert "Oui, fusionner" in html
