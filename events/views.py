"""Context for the event index, event and session pages."""

from django.utils import timezone


def event_index_context(request, page):
    now = timezone.now()
    return {
        "upcoming_events": page.upcoming_events(now),
        "past_events": page.past_events(now),
    }


def event_context(request, page):
    return {"sessions": page.sessions()}


def session_context(request, page):
    return {"event": page.event}
