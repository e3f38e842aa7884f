"""Calendar feeds that are not sub-routes of a page: a speaker's sessions, a
topic's sessions, and a delegate's personal agenda (to be completed: issue 4).
Mounted by the reference site at /calendar/."""

from django.http import Http404
from django.urls import path

app_name = "recap_events"


def not_yet(request, **kwargs):
    raise Http404


urlpatterns = [
    path("speakers/<slug:slug>.ics", not_yet, name="speaker_calendar"),
    path("topics/<slug:slug>.ics", not_yet, name="topic_calendar"),
]
