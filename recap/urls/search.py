"""Recap's search page and its suggestions, at ``search/``."""

from django.urls import path

from recap.discover.search import search_autocomplete_view, search_view

urlpatterns = [
    path("search/", search_view, name="recap_search"),
    path("search/autocomplete/", search_autocomplete_view, name="recap_search_autocomplete"),
]
