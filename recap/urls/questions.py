"""Asking, voting and present mode, at ``q/``: empty when
``recap.questions`` is not installed."""

from django.apps import apps
from django.urls import include, path

urlpatterns = (
    [path("q/", include("recap.questions.urls"))] if apps.is_installed("recap.questions") else []
)
