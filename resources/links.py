"""Checking that resources' external links still answer."""

import time
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from django.utils import timezone

USER_AGENT = "Recap link checker"


def link_status(url, *, timeout=10):
    """The HTTP status a link answers with (after redirects), or None when it
    cannot be reached at all. Tries HEAD first, then GET for servers that
    refuse HEAD. Only http and https links are fetched."""
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    for method in ("HEAD", "GET"):
        request = urllib.request.Request(  # noqa: S310 (scheme checked above)
            url, method=method, headers={"User-Agent": USER_AGENT}
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                return response.status
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue
            return error.code
        except (urllib.error.URLError, TimeoutError, OSError, ValueError):
            return None
    return None


def check_resource(resource, *, timeout=10):
    """Check one resource's URL and store what it answered."""
    resource.link_status = link_status(resource.url, timeout=timeout)
    resource.link_checked_at = timezone.now()
    type(resource).objects.filter(pk=resource.pk).update(
        link_status=resource.link_status, link_checked_at=resource.link_checked_at
    )
    return resource.link_status


def is_broken(status):
    return status is None or status >= 400


def check_links(resources, *, timeout=10, budget=None, clock=time.monotonic):
    """Check `resources` in order and store each answer; with `budget`
    (seconds), start no check once it is spent, so a run started from the
    admin ends within about `budget` plus two timeouts (HEAD, then GET).
    [(resource, status)] of the links checked."""
    started = clock()
    checked = []
    for resource in resources:
        if budget is not None and clock() - started >= budget:
            break
        checked.append((resource, check_resource(resource, timeout=timeout)))
    return checked
