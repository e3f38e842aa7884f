"""RSS and Atom feeds of write-ups (to be written: issue 5)."""

from django.http import Http404


def site_rss_view(request, index_page):
    raise Http404


def site_atom_view(request, index_page):
    raise Http404
