"""Absolute URLs: the one helper every link a person clicks or subscribes to
goes through (calendar, webcal, share, feeds, QR codes, canonical, JSON-LD,
frab, the API, the sitemap).

Links follow the request: the scheme, host and port the reader used, so they
work wherever the site is served (``make run`` on port 8000, a proxy, a
second domain). Wagtail's own ``page.get_full_url()`` and ``Site.root_url``
name the Site record's host and port instead, which on a fresh install is
``http://localhost`` and dead; they are used only where no request exists (a
feed written by a management command, a task), through `site_root_url`.
"""

from wagtail.models import Site

ABSOLUTE_PREFIXES = ("http://", "https://", "webcal://", "//")


def site_root_url():
    """The default Site's ``scheme://host[:port]``, for links built without
    a request; "" when there is no default Site."""
    site = Site.objects.filter(is_default_site=True).only("hostname", "port").first()
    return site.root_url if site is not None else ""


def absolute(request, url):
    """An absolute URL for `url` (which may already be absolute).

    With a request, the request's own scheme, host and port are used; without
    one (a command, a task), the default Site's."""
    if not url:
        return ""
    if url.startswith(ABSOLUTE_PREFIXES):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    root = site_root_url()
    if not root:
        return url
    return root + (url if url.startswith("/") else "/" + url)


def page_url(request, page):
    """The absolute URL of a page (or of anything with ``get_url(request)``:
    a speaker, a topic), or "" when it has none.

    ``get_url`` answers a path for a page of the request's own Site and a
    full URL only for a page of another Site, which is then kept."""
    if page is None:
        return ""
    return absolute(request, page.get_url(request))


def webcal(url):
    """The webcal:// form of an http(s) URL, which calendar apps subscribe to."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url[len(scheme) :]
    return url
