"""Recap finds a host's default locale whatever its language code: a site
whose default language is `en`, `en-us`, `en-gb` or `fr`, with the Locale it
already saved, shows its speakers (the canonical records live there)."""

import pytest
from django.test import override_settings
from wagtail.models import Locale

from recap.core.translations import canonical, canonical_record, is_canonical
from recap.speakers.models import Speaker
from tests.factories import SpeakerFactory, SpeakerIndexPageFactory

pytestmark = pytest.mark.django_db

# (LANGUAGE_CODE, WAGTAIL_CONTENT_LANGUAGES, the code of the Locale the host saved)
HOSTS = {
    "en": ("en", [("en", "English"), ("fr", "French")], "en"),
    "en-us": ("en-us", [("en-us", "English"), ("fr", "French")], "en-us"),
    "en-gb": ("en-gb", [("en-gb", "English"), ("fr", "French")], "en-gb"),
    "fr": ("fr", [("fr", "Français"), ("en", "English")], "fr"),
    # wagtail start's LANGUAGE_CODE, with the locale Wagtail saved for it
    # before i18n was on ("en": en-us is not one of Django's languages).
    "en-us saved as en": ("en-us", [("en", "English"), ("fr", "French")], "en"),
    # The README's recipe (en-gb) on a host whose saved locale is en.
    "en-gb saved as en": ("en-gb", [("en-gb", "English"), ("fr", "French")], "en"),
}


@pytest.fixture(params=list(HOSTS), ids=list(HOSTS))
def host(request):
    language_code, content_languages, saved = HOSTS[request.param]
    locale = Locale.objects.get()
    locale.language_code = saved
    locale.save()
    with override_settings(
        LANGUAGE_CODE=language_code,
        LANGUAGES=content_languages,
        WAGTAIL_CONTENT_LANGUAGES=content_languages,
        WAGTAIL_I18N_ENABLED=True,
    ):
        yield locale


def test_speaker_page_answers_in_the_hosts_default_locale(host, client):
    SpeakerIndexPageFactory(slug="speakers")
    speaker = SpeakerFactory(name="Ada Quill", slug="ada-quill", locale=host)

    # The address in the default language, which has no prefix.
    response = client.get("/speakers/ada-quill/")

    assert response.status_code == 200
    assert "Ada Quill" in response.content.decode()
    assert is_canonical(speaker)
    assert canonical_record(speaker) == speaker


def test_canonical_records_are_those_of_the_hosts_default_locale(host):
    speaker = SpeakerFactory(name="Ada Quill", locale=host)
    other = Locale.objects.create(language_code="de")
    SpeakerFactory(name="Ada Quill (de)", translation_key=speaker.translation_key, locale=other)

    assert list(canonical(Speaker.objects.all())) == [speaker]
