"""Fallback routes for sites without a topic index page."""

from django.urls import path

from . import views

app_name = "recap_resources"

urlpatterns = [
    path("<slug:slug>/", lambda request, slug: views.topic_view(request, None, slug), name="topic"),
]
