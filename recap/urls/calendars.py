"""Speaker and topic calendars and the personal agenda, at ``calendar/``."""

from django.urls import include, path

urlpatterns = [path("calendar/", include("recap.events.urls"))]
