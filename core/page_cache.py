"""Whole pages kept in the cache and served before Wagtail's routing.

A page view that can be shared by every anonymous reader (the event page's
programme) stores its finished HTML here, *before* anything personal is put
on it, with `store()`. `recap.core.middleware.CachedPageMiddleware` then
answers the same address with `lookup()`: one cache round trip (the content
version and the page together), no query, no tree walk, no template. What is
personal (a reader's stars, the header's "My agenda (3)", a 304 for their
ETag) is put on by the view's *finisher*, a function the app registers under
a name (`register_finisher`), run on every answer, cached or not; the
finisher may make queries of its own (a reader's stars: one).

Nothing personal or secret is ever stored, and nobody who may see something
else is served from here:

- only GET and HEAD without a session cookie or Django's messages cookie are
  looked up (a logged-in editor, a reader who passed a page's password or
  has a message waiting, a preview: never), and only GET without them, with
  status 200, no cookie set and no CSRF token used, is stored;
- the key is the scheme, host, full path and active language; the entry
  carries the content version (``recap.core.versioning``) it was made under
  and is ignored once any content changes (publish, unpublish, move, delete,
  a speaker, room, topic or resource, moderation, a page's privacy), and an
  expiry time for pages that change with the clock ("now and next").

The cache makes pages fast, never correct: without the middleware, or with
the cache down, every page is rendered as before.
"""

import hashlib
import time

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.http import HttpResponse
from django.utils import translation

from .versioning import FRAGMENT_TIMEOUT, VERSION_KEY, content_version

KEY_PREFIX = "recap:page:"
_finishers = {}


def register_finisher(name, finisher):
    """`finisher(request, response, etag)` personalises a page and returns
    the response to send (or a 304); it runs on cached and fresh pages alike.
    `etag` is the shared ETag `store()` was given (None if none)."""
    _finishers[name] = finisher


def shareable_request(request):
    """True when `request` may be answered with (or stored as) the page every
    anonymous reader gets."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    cookies = request.COOKIES  # (a deleted cookie may come back empty)
    return not cookies.get(settings.SESSION_COOKIE_NAME) and not cookies.get(
        CookieStorage.cookie_name
    )


def page_key(request):
    """The cache key of the page at this address in this language (None for a
    host Django refuses)."""
    try:
        host = request.get_host()
    except DisallowedHost:
        return None
    raw = "|".join(
        (request.scheme, host, request.get_full_path(), translation.get_language() or "")
    )
    return KEY_PREFIX + hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()


def _csrf_token_used(request):
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED")
    )


def store(request, response, finisher, etag=None, expires_at=None, version=None):
    """Keep `response` (rendered, not yet personalised) for every anonymous
    reader of this address until the content changes or `expires_at` (a
    timestamp) passes. `version` is the content version read *before* the
    page was rendered (by default, now): a change published while the page
    was rendering then makes it stale at once, instead of labelling the older
    page with the newer version. Does nothing when the request or response is
    not one to share. Returns True when stored."""
    if request.method != "GET" or not shareable_request(request):
        return False
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if _csrf_token_used(request):
        return False
    storage = getattr(request, "_messages", None)
    if storage is not None and len(storage):
        return False
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    key = page_key(request)
    if key is None:
        return False
    timeout = FRAGMENT_TIMEOUT
    if expires_at is not None:
        timeout = min(timeout, int(expires_at - time.time()))
        if timeout < 1:
            return False
    entry = (
        version or content_version(),
        expires_at,
        finisher,
        response.get("Content-Type"),
        response.content,
        etag,
    )
    cache.set(key, entry, timeout)
    return True


def lookup(request):
    """The finished answer for `request` from a stored page, or None (not a
    shareable request, nothing stored, or stored under an older version)."""
    if not shareable_request(request):
        return None
    key = page_key(request)
    if key is None:
        return None
    found = cache.get_many([VERSION_KEY, key])
    entry = found.get(key)
    if entry is None or found.get(VERSION_KEY) is None:
        return None
    try:
        version, expires_at, finisher, content_type, content, etag = entry
    except (TypeError, ValueError):
        return None
    if version != found[VERSION_KEY] or (expires_at is not None and time.time() >= expires_at):
        return None
    finish = _finishers.get(finisher)
    if finish is None:
        return None
    return finish(request, HttpResponse(content, content_type=content_type), etag)
