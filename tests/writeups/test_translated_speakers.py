"""A write-up with its speakers and resources translated into French: the
author's role line, people featured, quotes and resource cards follow the
reader's language."""

import pytest

from recap.writeups.models import WriteUpSpeaker
from tests.factories import (
    ResourceFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpPageFactory,
)
from tests.translating import french, french_url, in_french, translate
from tests.writeups.test_views import body

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def i18n(settings):
    settings.WAGTAIL_I18N_ENABLED = True
    french()
    SpeakerIndexPageFactory()


def test_writeup_shows_speakers_and_resource_cards_in_the_readers_language(client):
    author = SpeakerFactory(name="Ada Quill", job_title="Editor", organisation="Northwind")
    translate(author, job_title="Rédactrice")
    quoted = SpeakerFactory(name="Ben Lowe", job_title="Producer", organisation="Contoso")
    translate(quoted, job_title="Producteur")
    resource = ResourceFactory(title="Hub and spoke research", note="Long but good.")
    translate(resource, title="Recherche en étoile", note="Long mais bon.")
    writeup = WriteUpPageFactory(
        author=author,
        body=body(
            ("quote", {"quote": "Every voice.", "speaker": quoted.pk, "attribution": ""}),
            ("resource", {"resource": resource.pk, "note": ""}),
        ),
    )
    WriteUpSpeaker.objects.get_or_create(page=writeup, speaker=quoted)

    with in_french():
        french_page = client.get(french_url(writeup.url)).content.decode()
    english_page = client.get(writeup.url).content.decode()

    assert "Rédactrice, Northwind" in french_page
    assert "Producteur" in french_page
    assert "Producer" not in french_page
    assert "Recherche en étoile" in french_page
    assert "Long mais bon." in french_page
    assert "Hub and spoke research" not in french_page
    assert "Editor, Northwind" in english_page
    assert "Hub and spoke research" in english_page
    assert "Rédactrice" not in english_page
    assert "Recherche en étoile" not in english_page
