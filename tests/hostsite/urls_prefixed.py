"""A host that mounts all of Recap under a prefix, its pages included."""

from django.urls import include, path
from wagtail import urls as wagtail_urls

from .urls_host import host_file

urlpatterns = [
    path("conference/", include("recap.urls")),
    path("search/", host_file),
    path("conference/", include(wagtail_urls)),
]
