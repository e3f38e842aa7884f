"""iCalendar views (to be written: issue 4)."""

from django.http import Http404


def upcoming_calendar_view(request, index_page):
    raise Http404


def event_calendar_view(request, event):
    raise Http404


def session_calendar_view(request, session):
    raise Http404
