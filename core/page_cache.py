"""A page every anonymous reader shares, kept with Django's cache framework.

A page view whose HTML is the same for every anonymous reader (the event
page's programme: nothing personal is rendered into it, the reader's stars
come afterwards from their own small request) calls `serve_shared()` with a
key made of what the page depends on, *normalised and validated* by the view
(the page id, the programme view, a real day of the event...): never the raw
query string, so the number of entries is bounded by the content. The
stored entry is named by the content version (``recap.core.versioning``)
and the active language, so any change a reader could see starts afresh.

Nobody who may see something else is served from here, and nothing
personal is stored:

- only GET and HEAD without a session cookie or Django's messages cookie are
  looked up (a logged-in editor, a reader who passed a page's password, a
  message waiting, a preview: never), and only a 200 that sets no cookie and
  used no CSRF token is stored;
- the host is part of the key (links on the page are absolute) only when it
  is one the site knows (a Wagtail Site's hostname or an exact
  ``ALLOWED_HOSTS`` entry, on the port the server listens on); any other
  host gets the page rendered, uncached.

The cache makes pages fast, never correct: with the cache down, every page is
rendered as before.
"""

import hashlib

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.http.request import split_domain_port
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.translation import get_language
from wagtail.models import Site

from .versioning import cached, content_version

KEY_PREFIX = "recap:page:"


def shareable_request(request):
    """True when `request` may be answered with (or stored as) the page every
    anonymous reader gets."""
    if request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
        return False
    cookies = request.COOKIES  # (a deleted cookie may come back empty)
    return not cookies.get(settings.SESSION_COOKIE_NAME) and not cookies.get(
        CookieStorage.cookie_name
    )


def _site_hostnames():
    return sorted(set(Site.objects.values_list("hostname", flat=True)))


def known_host(request):
    """The request's host when it is one the site knows (see the module's
    docstring), else None: only those hosts get a cache entry of their own."""
    host = request.get_host()
    domain, port = split_domain_port(host)
    if port and port != str(request.get_port()):
        return None
    exact_hosts = {h for h in settings.ALLOWED_HOSTS if h != "*" and not h.startswith(".")}
    if domain in exact_hosts or host in exact_hosts:
        return host
    if domain in cached("site-hostnames", _site_hostnames):
        return host
    return None


def _csrf_token_used(request):
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED")
    )


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.streaming or response.cookies or _csrf_token_used(request):
        return False
    storage = getattr(request, "_messages", None)
    return storage is None or not len(storage)


def _shared_headers(response, etag):
    response["ETag"] = etag
    # Any cache may keep it (it is the same for every anonymous reader) but
    # must revalidate: a publish changes the ETag. A host with a CDN that
    # purges (wagtail.contrib.frontend_cache) may let it keep the page longer.
    s_maxage = getattr(settings, "RECAP_SHARED_PAGE_S_MAXAGE", None)
    if s_maxage:
        patch_cache_control(response, public=True, max_age=0, s_maxage=int(s_maxage))
    else:
        patch_cache_control(response, no_cache=True)
    # An editor (session cookie) gets a page with the userbar.
    patch_vary_headers(response, ["Cookie"])
    return response


def serve_shared(request, key, render, timeout):
    """The response of `render()` (a function returning the page's response),
    kept for every anonymous reader under `key` for at most `timeout` seconds
    and answered with a 304 when the reader's copy is current.

    `key` must name everything the page depends on besides the content
    version, the language and the host (added here), from validated values."""
    if not shareable_request(request) or timeout < 1:
        return render()
    host = known_host(request)
    if host is None:
        return render()
    version = content_version()  # before rendering: a change made meanwhile misses next time
    raw = "|".join((version, get_language() or "", request.scheme, host, key))
    digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()
    etag = f'"{digest}"'
    unchanged = get_conditional_response(request, etag=etag, response=HttpResponse())
    if unchanged.status_code == 304:
        return _shared_headers(unchanged, etag)
    entry = cache.get(KEY_PREFIX + digest)
    if entry is not None:
        content_type, content = entry
        return _shared_headers(HttpResponse(content, content_type=content_type), etag)
    response = render()
    if hasattr(response, "render") and not response.is_rendered:
        response.render()
    if _storable(request, response):
        cache.set(KEY_PREFIX + digest, (response.get("Content-Type"), response.content), timeout)
        _shared_headers(response, etag)
    return response
