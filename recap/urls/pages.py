"""The file-like sub-routes of Recap's pages (an event's ``programme.ics``,
``schedule.xml``, ``schedule.json``, a session's ``session.ics``...), which
Wagtail's own slash-terminated pattern does not match.

The pattern names only the file names Recap's page models declare as
routes, read from the models themselves, so it never claims a path a host
uses (``sitemap.xml``, ``robots.txt``, a ``.json`` of its own) whichever
order the URL lines are in."""

import re

from django.apps import apps
from django.urls import re_path
from wagtail.contrib.routable_page.models import RoutablePageMixin

from recap.core.views import serve_page_file

FILE_ROUTE = re.compile(r"[\w\-]+\.(?:ics|xml|json|vtt)")


def page_file_names():
    """The file names Recap's routable page models declare as routes,
    sorted: ``["calendar.ics", "programme.ics", "schedule.json", ...]``."""
    names = set()
    for app_config in apps.get_app_configs():
        if not app_config.name.startswith("recap."):
            continue
        for model in app_config.get_models():
            if not issubclass(model, RoutablePageMixin):
                continue
            for pattern in model.get_subpage_urls():
                route = str(pattern.pattern).removeprefix("^").removesuffix("$")
                if FILE_ROUTE.fullmatch(route):
                    names.add(route)
    return sorted(names)


def page_file_pattern():
    names = "|".join(re.escape(name) for name in page_file_names())
    return rf"^(?P<page_path>(?:[\w\-]+/)*)(?P<filename>{names})$"


urlpatterns = [
    # Wagtail's own pattern only matches paths ending in a slash.
    re_path(page_file_pattern(), serve_page_file, name="recap_page_file"),
]
