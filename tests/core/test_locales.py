"""The site's language codes come from a per-process table
(recap.core.locales), and Wagtail's own Locale lookups are left as Wagtail
wrote them (no monkeypatch)."""

import pytest
from django.utils import translation
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

from recap.core.locales import language_codes

pytestmark = pytest.mark.django_db


def test_wagtail_locale_lookup_is_wagtails_own():
    assert LocaleManager.get_for_language.__module__ == "wagtail.models.i18n"


def test_locale_lookup_answers_as_wagtail_does():
    english = Locale.objects.get(language_code="en-gb")

    with translation.override("en-gb"):
        active = Locale.get_active()

    assert (active.pk, active.language_code) == (english.pk, "en-gb")
    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("fr")


def test_language_codes_follow_a_locale_added_and_deleted(django_assert_num_queries):
    assert language_codes() == ["en-gb"]
    with django_assert_num_queries(0):
        language_codes()

    french = Locale.objects.create(language_code="fr")
    assert sorted(language_codes()) == ["en-gb", "fr"]

    french.delete()
    assert language_codes() == ["en-gb"]
