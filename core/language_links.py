"""The page a reader is on, in the site's other languages: the language
switcher's links and the ``<link rel="alternate" hreflang>`` tags.

For a Wagtail page, each language links to the page's live translation in
that language, or, where there is none, to that language's home page. For
Recap's own routes (search, agenda...), which ``i18n_patterns`` serves in
every language, the same path under the language's prefix.

A page's translations are read once per content version (one query, kept
with ``recap.core.versioning.cached``), so a warm page makes no query for
them; a site with a single Locale makes none at all.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import translation

from .links import absolute
from .locales import language_codes
from .versioning import cached


def _current_language():
    try:
        return translation.get_supported_language_variant(translation.get_language() or "")
    except LookupError:
        return settings.LANGUAGE_CODE


def language_home(code):
    """The home page's address in a language ("/" or "/fr/")."""
    with translation.override(code):
        try:
            return reverse("wagtail_serve", args=("",))
        except NoReverseMatch:
            return "/"


def page_translation_urls(request, page):
    """{language code: address} of the live translations of `page` (itself
    included), for the request's host."""

    codes = language_codes()
    if len(codes) == 1:
        # A site in one language: the page is its only translation.
        return {codes[0]: page.get_url(request)}

    def compute():
        translations = page.get_translations(inclusive=True).live().select_related("locale")
        return {other.locale.language_code: other.get_url(request) for other in translations}

    key = f"page-translations:{request.scheme}:{request.get_host()}:{page.translation_key}"
    return cached(key, compute)


def subroute_translation_urls(request, page, subpath):
    """{language code: address} of a routable page's sub-route (a speaker's
    or a topic's page, `subpath` like "ada-lovelace/") under each live
    translation of `page`: the same person or topic in every language."""
    return {code: url + subpath for code, url in page_translation_urls(request, page).items()}


def language_links(request, page=None, urls=None):
    """One entry per language of ``settings.LANGUAGES``, in order: ``code``,
    ``name`` (in the language itself), ``url`` (a path) and its
    ``absolute_url``, ``home`` (that language's home page), ``translated``
    (whether this page exists in it), ``current`` and ``default``. Worked out
    once per request. `urls` ({code: address}) names the page's translations
    where the page is not a Wagtail page itself (a speaker's page, a
    sub-route of the speaker directory: see `subroute_translation_urls`)."""
    memo = getattr(request, "_recap_language_links", None)
    if memo is not None:
        return memo
    current = _current_language()
    if urls is not None:
        pass
    elif page is not None and getattr(page, "translation_key", None) and page.pk:
        urls = page_translation_urls(request, page)
    else:
        path = request.get_full_path()
        urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    links = []
    for code, name in settings.LANGUAGES:
        home = language_home(code)
        url = urls.get(code) or home
        links.append(
            {
                "code": code,
                "name": name,
                "url": url,
                "absolute_url": absolute(request, url),
                "home": home,
                "translated": bool(urls.get(code)),
                "current": code == current,
                "default": code == settings.LANGUAGE_CODE,
            }
        )
    request._recap_language_links = links
    return links
