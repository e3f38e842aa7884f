"""Wagtail's Locale lookups come from a per-process table (recap.core.locales):
no query per request, and a Locale added, changed or removed is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Locale

from tests.factories import EventPageFactory

pytestmark = pytest.mark.django_db


def locale_queries(captured):
    return [q["sql"] for q in captured if 'FROM "wagtailcore_locale"' in q["sql"]]


def test_locale_lookup_is_one_query_per_process_not_per_request(client):
    event = EventPageFactory()
    client.get(event.url)

    with CaptureQueriesContext(connection) as captured:
        response = client.get(event.url)
        client.get(event.url)

    assert response.status_code == 200
    assert locale_queries(captured) == []


def test_locale_lookup_answers_as_wagtail_does():
    english = Locale.objects.get(language_code="en-gb")

    with translation.override("en-gb"):
        active = Locale.get_active()

    assert (active.pk, active.language_code) == (english.pk, "en-gb")
    assert Locale.get_default().pk == english.pk
    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("fr")


def test_locale_added_is_found_at_once():
    with translation.override("fr"):
        assert Locale.get_active().language_code == "en-gb"  # none yet: the default

    french = Locale.objects.create(language_code="fr")

    with translation.override("fr"):
        assert Locale.get_active().pk == french.pk


def test_locale_deleted_is_forgotten():
    french = Locale.objects.create(language_code="fr")
    assert Locale.objects.get_for_language("fr").pk == french.pk

    french.delete()

    with pytest.raises(Locale.DoesNotExist):
        Locale.objects.get_for_language("fr")


def test_locale_lookup_returns_a_new_instance_each_time():
    first = Locale.get_default()
    first.language_code = "xx"

    assert Locale.get_default().language_code == "en-gb"
