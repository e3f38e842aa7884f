"""Calendar feeds that are not sub-routes of a page: a speaker's sessions, a
topic's sessions, and a delegate's personal agenda (its page, the star form
and its private feed). Mounted by the reference site at /calendar/."""

from django.shortcuts import get_object_or_404
from django.urls import path

from recap.core.translations import canonical
from recap.resources.models import Topic
from recap.speakers.models import Speaker

from .views import agenda
from .views import calendars as ical_views

app_name = "recap_events"


def speaker_calendar(request, slug):
    """Every published session of one speaker, across events."""
    return ical_views.speaker_calendar_view(
        request, get_object_or_404(canonical(Speaker.objects.all()), slug=slug)
    )


def topic_calendar(request, slug):
    """Every published session on one topic (or in an event on it)."""
    return ical_views.topic_calendar_view(request, get_object_or_404(Topic, slug=slug))


urlpatterns = [
    path("speakers/<slug:slug>.ics", speaker_calendar, name="speaker_calendar"),
    path("topics/<slug:slug>.ics", topic_calendar, name="topic_calendar"),
    path("agenda/", agenda.agenda_view, name="agenda"),
    path("agenda/star/", agenda.star_view, name="agenda_star"),
    path("agenda/starred.json", agenda.starred_json, name="agenda_starred"),
    path("agenda/<str:token>.ics", agenda.agenda_calendar, name="agenda_calendar"),
]
