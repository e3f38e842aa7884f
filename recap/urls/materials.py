"""The speakers' pages opened by their signed links, at
``speaker-materials/``: empty when ``recap.materials`` is not installed."""

from django.apps import apps
from django.urls import include, path

urlpatterns = (
    [path("speaker-materials/", include("recap.materials.urls"))]
    if apps.is_installed("recap.materials")
    else []
)
