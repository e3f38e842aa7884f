"""A host's URLconf: all of Recap at the root, then routes of the host's
own placed AFTER Recap's include (which must still answer)."""

from django.http import HttpResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls


def host_file(request, **kwargs):
    return HttpResponse(f"host:{request.path}", content_type="text/plain")


urlpatterns = [
    path("", include("recap.urls")),
    path("sitemap.xml", host_file),
    path("robots.txt", host_file),
    path("exports/<slug:name>.json", host_file),
    path("events/<slug:slug>/export.ics", host_file),
    path("", include(wagtail_urls)),
]
