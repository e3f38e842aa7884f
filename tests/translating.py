"""Helpers for tests of translated speakers and resources: a French locale
and a snippet's French translation, as the admin's "Translate" action makes."""

from django.utils import translation
from wagtail.models import Locale


def french():
    return Locale.objects.get_or_create(language_code="fr")[0]


def translate(obj, **fields):
    """`obj`'s French translation (copied as Wagtail's snippet translation
    does), with `fields` in French."""
    translation = obj.copy_for_translation(french())
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def in_french():
    """French active for the requests made inside it. (Until the site serves
    French under its own URLs, the language is activated around the request;
    the one place to change if a middleware picks the language per request.)"""
    return translation.override("fr")


def french_url(url):
    """`url` (a path) as a French reader requests it: under /fr/, where the
    site's LocaleMiddleware and i18n_patterns serve French (an unprefixed
    path is always English)."""
    return url if url.startswith("/fr/") else "/fr" + url
