"""iCalendar views: thin wrappers that pick a feed (calendar_feeds), answer
conditional requests with Django's own handling and stream the calendar."""

from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date

from recap.core.links import absolute, page_url

from . import calendar_feeds

CONTENT_TYPE = "text/calendar; charset=utf-8"


def _event_urls(request, events):
    return {event.pk: page_url(request, event) for event in events}


def calendar_response(request, feed, filename, *, attachment=False):
    """Serve a feed: 304 when the client's ETag or date still matches,
    otherwise the calendar streamed, with ETag and Last-Modified."""
    etag, last_modified = calendar_feeds.feed_fingerprint(feed, site_root=absolute(request, "/"))
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    not_modified = get_conditional_response(
        request, etag=etag, last_modified=last_modified_ts, response=HttpResponse()
    )
    if not_modified.status_code in (304, 412):
        return not_modified
    response = StreamingHttpResponse(
        calendar_feeds.stream_feed(feed, _event_urls(request, feed.events)),
        content_type=CONTENT_TYPE,
    )
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = etag
    if last_modified_ts:
        response["Last-Modified"] = http_date(last_modified_ts)
    # Clients must revalidate; a 304 costs a few small queries.
    response["Cache-Control"] = "no-cache"
    return response


def upcoming_calendar_view(request, index_page):
    """Every upcoming event of the site (one VEVENT per event)."""
    return calendar_response(request, calendar_feeds.upcoming_feed(index_page), "events.ics")


def event_calendar_view(request, event):
    """An event's whole programme, for subscription."""
    return calendar_response(request, calendar_feeds.programme_feed(event), f"{event.slug}.ics")


def session_calendar_view(request, session):
    """One session, downloaded to add to a calendar."""
    return calendar_response(
        request, calendar_feeds.session_feed(session), f"{session.slug}.ics", attachment=True
    )


def speaker_calendar_view(request, speaker):
    return calendar_response(request, calendar_feeds.speaker_feed(speaker), f"{speaker.slug}.ics")


def topic_calendar_view(request, topic):
    return calendar_response(request, calendar_feeds.topic_feed(topic), f"{topic.slug}.ics")


def agenda_calendar_view(request, agenda):
    return calendar_response(request, calendar_feeds.agenda_feed(agenda), "my-agenda.ics")
