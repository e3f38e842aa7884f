"""Absolute URLs: the one helper every link a person clicks or subscribes to
goes through (calendar, webcal, share, feeds, QR codes, canonical, JSON-LD)."""


def absolute(request, url):
    """An absolute URL for `url` (which may already be absolute).

    With a request, the request's own scheme, host and port are used, so links
    work wherever the site is served; without one (a command, a task) the
    URL is returned as it is."""
    if not url:
        return url or ""
    if url.startswith(("http://", "https://")) or request is None:
        return url
    return request.build_absolute_uri(url)
