"""Recap: conference write-ups for Wagtail.

A host site adds ``recap.APPS`` to ``INSTALLED_APPS`` and
``path("", include("recap.urls"))`` to its URLs, before Wagtail's catch-all.

In the repository the apps sit at the top level (``events/``,
``speakers/``...); the packaging maps each one into this package
(``recap.events``...), so that installed, Recap is one package and a host's
own ``events`` package cannot collide with it (see pyproject.toml).
"""

__version__ = "0.2.0"

#: Recap's own apps, lowest first.
RECAP_APPS = [
    "recap.core",
    "recap.speakers",
    "recap.resources",
    "recap.events",
    "recap.materials",
    "recap.questions",
    "recap.writeups",
    "recap.discover",
]

#: What Recap's apps need that a ``wagtail start`` project does not list.
REQUIRED_APPS = [
    "wagtail_modeladmin",
    "wagtail.api.v2",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "rest_framework",
    "django.contrib.sitemaps",
]

#: What a host adds to INSTALLED_APPS (leaving out any it already lists).
APPS = RECAP_APPS + REQUIRED_APPS
