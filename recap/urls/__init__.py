"""Every public route of Recap, for a host site's URLconf:

    path("", include("recap.urls")),   # before Wagtail's own catch-all

or under a prefix of the host's choosing (every link Recap builds follows):

    path("conference/", include("recap.urls")),

or group by group, taking only what the host wants (each group keeps its
own first segment, so ``include("recap.urls.calendars")`` answers at
``calendar/...`` as the whole include does):

- ``recap.urls.pages``: the file-like sub-routes of Recap's pages (an
  event's ``programme.ics``, ``schedule.xml``, ``schedule.json``, a
  session's ``session.ics``, the event index's ``calendar.ics``). The
  pattern matches only those file names, so a host's ``sitemap.xml``,
  ``robots.txt`` or any route of its own answers whichever order the URL
  lines are in;
- ``recap.urls.calendars``: ``calendar/``, speaker and topic calendars and
  the personal agenda;
- ``recap.urls.feeds``: ``feeds/``, write-up feeds per speaker, topic and
  event;
- ``recap.urls.questions``: ``q/``, asking, voting and present mode (empty
  when ``recap.questions`` is not installed);
- ``recap.urls.materials``: ``speaker-materials/``, the pages speakers
  open with their signed links to send slides, links and corrections
  (empty when ``recap.materials`` is not installed);
- ``recap.urls.search``: ``search/``, Recap's search page and its
  suggestions (a host with a search of its own can leave it out, or mount
  it under a prefix);
- ``recap.urls.api``: the Wagtail API v2 endpoints under
  ``RECAP_API_PREFIX`` (default ``"api/v2/"``), only when the host sets
  ``RECAP_API_ENABLED = True`` (off by default).

Pages themselves (events, sessions, speakers, write-ups) are served by
Wagtail's page tree wherever the host puts them. URL names are the same
whichever way the routes are included. See docs/urls-and-templates.md.

A site in several languages puts both includes in ``i18n_patterns`` (with
``LocaleMiddleware``), as the reference site does (site/conference/urls.py):

    urlpatterns += i18n_patterns(
        path("", include("recap.urls")),
        path("", include(wagtail_urls)),
        prefix_default_language=False,   # English at /, French at /fr/
    )

Every route above then answers under each language's prefix too.
"""

from . import api, calendars, feeds, materials, pages, questions, search
from .api import API_PREFIX

__all__ = ["API_PREFIX", "urlpatterns"]

urlpatterns = [
    *search.urlpatterns,
    *calendars.urlpatterns,
    *feeds.urlpatterns,
    *questions.urlpatterns,
    *materials.urlpatterns,
    *api.urlpatterns,
    *pages.urlpatterns,
]
