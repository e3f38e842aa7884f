"""A host that takes Recap's route groups one by one: the file-like routes
beside Wagtail's pages, calendars, feeds and questions under a prefix, and
no search (it has its own) and no API."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

from .urls_host import host_file

urlpatterns = [
    path("conference/", include("recap.urls.calendars")),
    path("conference/", include("recap.urls.feeds")),
    path("conference/", include("recap.urls.questions")),
    path("", include("recap.urls.pages")),
    path("search/", host_file),
    path("sitemap.xml", host_file),
    path("", include(wagtail_urls)),
]
