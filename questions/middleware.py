"""Present mode's poll, answered before the rest of the middleware.

Every phone in a plenary polls `/q/<code>/present.json` every few seconds,
and almost every poll is answered "nothing changed" (a 304, from the
session's question version, one small query: see present.py). The view
answers it the same way; this middleware answers it before sessions,
language, CSRF, authentication, messages and URL resolving, which were most
of its cost (`make bench-venue`: polls a second).

It answers only a GET of that address whose If-None-Match holds the current
version, read from the database as the view reads it; anything else
(another address, an old ETag, no such live session) goes on to the view,
which answers it as before. The 304 carries the headers the view's 304
carries (ETag, Cache-Control, Vary); middleware listed before this one
(security headers) still applies.

A host site adds it after its security middleware:
`"recap.questions.middleware.PresentPollMiddleware"` (README, "Adding
Recap to a site"). Without it, polls are answered by the view.
"""

import re

from django.conf import settings
from django.http import HttpResponseNotModified
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import get_language_from_path, override

from . import shortcodes
from .present import etag_for_version, if_none_match, present_version

# A code that cannot be one (reverse needs an argument to build the address).
_PLACEHOLDER = "0"


def poll_path_pattern():
    """A regex matching present.json's address in every language (the
    language prefix, if any, comes from the site's URLconf), capturing the
    session's code; None when the URLconf has no such route."""
    prefixes, suffixes = set(), set()
    for language, _name in settings.LANGUAGES:
        with override(language):
            try:
                path = reverse("recap_questions:present_data", args=[_PLACEHOLDER])
            except NoReverseMatch:
                continue
        prefix, _sep, suffix = path.rpartition(f"/{_PLACEHOLDER}/")
        prefixes.add(re.escape(prefix + "/"))
        suffixes.add(re.escape(suffix))
    if not prefixes:
        return None
    return re.compile(
        rf"^(?:{'|'.join(sorted(prefixes))})({shortcodes.CODE_PATTERN})/"
        rf"(?:{'|'.join(sorted(suffixes))})$"
    )


class PresentPollMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self._pattern = None

    def __call__(self, request):
        if request.method == "GET" and "HTTP_IF_NONE_MATCH" in request.META:
            response = self.not_modified(request)
            if response is not None:
                return response
        return self.get_response(request)

    def pattern(self):
        if self._pattern is None:
            self._pattern = poll_path_pattern() or re.compile(r"(?!)")
        return self._pattern

    def not_modified(self, request):
        match = self.pattern().match(request.path_info)
        if match is None:
            return None
        pk = shortcodes.decode(match.group(1))
        if pk is None:
            return None
        etag = etag_for_version(present_version(pk))
        if etag is None or etag not in if_none_match(request):
            return None
        response = HttpResponseNotModified()
        response["ETag"] = etag
        patch_cache_control(response, no_cache=True)
        if get_language_from_path(request.path_info) is None:
            # As LocaleMiddleware marks the view's answer: an address without
            # a language prefix is answered in the browser's language.
            patch_vary_headers(response, ["Accept-Language"])
        return response
