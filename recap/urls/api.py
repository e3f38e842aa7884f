"""The Wagtail API v2 endpoints (recap.discover.api), opt-in.

Off unless the host sets ``RECAP_API_ENABLED = True``: a public JSON API is
a decision for the site's owner, not a side effect of installing Recap.
Mounted at ``RECAP_API_PREFIX`` (default ``"api/v2/"``)."""

from django.conf import settings
from django.urls import path

API_PREFIX = getattr(settings, "RECAP_API_PREFIX", "api/v2/")


def api_enabled():
    """Whether the host turned the API on (and left it a prefix)."""
    return bool(getattr(settings, "RECAP_API_ENABLED", False) and API_PREFIX)


def api_urlpatterns():
    """The API's routes, or none when the host has not turned it on."""
    if not api_enabled():
        return []
    from recap.discover.api import api_router

    return [path(API_PREFIX, api_router.urls)]


urlpatterns = api_urlpatterns()
