"""Every public route of Recap, for a host site's URLconf:

    path("", include("recap.urls")),   # before Wagtail's own catch-all

- ``q/``: asking, voting and present mode (only when ``recap.questions`` is
  installed);
- ``calendar/``: speaker and topic calendars and the personal agenda;
- ``feeds/``: write-up feeds per speaker, topic and event;
- ``search/``: Recap's search page and its suggestions;
- the Wagtail API v2 endpoints under ``RECAP_API_PREFIX`` (default
  ``"api/v2/"``; set it to ``None`` to leave the API out);
- the file-like sub-routes of pages (an event's ``programme.ics``,
  ``schedule.xml``, ``schedule.json``, a session's ``session.ics``...).

Pages themselves (events, sessions, speakers, write-ups) are served by
Wagtail's page tree wherever the host puts them.

A site in several languages puts both includes in ``i18n_patterns`` (with
``LocaleMiddleware``), as the reference site does (site/conference/urls.py):

    urlpatterns += i18n_patterns(
        path("", include("recap.urls")),
        path("", include(wagtail_urls)),
        prefix_default_language=False,   # English at /, French at /fr/
    )

Every route above then answers under each language's prefix too.
"""

from django.apps import apps
from django.conf import settings
from django.urls import include, path, re_path

from recap.core.views import serve_page_file
from recap.writeups.api import api_router
from recap.writeups.search import search_autocomplete_view, search_view

API_PREFIX = getattr(settings, "RECAP_API_PREFIX", "api/v2/")

urlpatterns = [
    path("search/", search_view, name="recap_search"),
    path("search/autocomplete/", search_autocomplete_view, name="recap_search_autocomplete"),
    path("calendar/", include("recap.events.urls")),
    path("feeds/", include("recap.writeups.urls")),
]

if apps.is_installed("recap.questions"):
    urlpatterns.append(path("q/", include("recap.questions.urls")))

if API_PREFIX:
    urlpatterns.append(path(API_PREFIX, api_router.urls))

urlpatterns.append(
    # Wagtail's own pattern only matches paths ending in a slash.
    re_path(
        r"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>[\w\-]+\.(?:ics|xml|json))$",
        serve_page_file,
        name="recap_page_file",
    )
)
