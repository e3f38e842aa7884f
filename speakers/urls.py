"""Fallback routes for sites without a speaker directory page."""

from django.urls import path

from .views import profile

app_name = "recap_speakers"

urlpatterns = [
    path(
        "<slug:slug>/",
        lambda request, slug: profile.speaker_view(request, None, slug),
        name="detail",
    ),
]
