"""iCalendar views: thin wrappers that pick a feed (calendar_feeds), answer
conditional requests with Django's own handling and stream the calendar.

Public feeds (upcoming events, a programme, a session, a speaker, a topic)
are kept in the cache under the content version (recap.core.versioning), so
a client polling an unchanged feed, or a second client fetching it, costs
no query beyond finding the page. A feed bigger than CACHE_MAX_BYTES is
streamed every time instead (flat memory), with its fingerprint cached. The
private agenda feed is never cached: it changes with the reader's stars.
"""

from django.core.cache import cache
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

from recap.core import page_views
from recap.core.links import absolute, page_url
from recap.core.versioning import FRAGMENT_TIMEOUT, content_version

from ..exports import calendar_feeds

CONTENT_TYPE = "text/calendar; charset=utf-8"
# Feeds up to this size are kept whole in the cache (a 1,000-session
# programme is about 1 MB); bigger ones are streamed on every request.
CACHE_MAX_BYTES = 2 * 1024 * 1024


def _event_urls(request, events):
    return {event.pk: page_url(request, event) for event in events}


def _cache_key(request):
    return (
        f"recap:ics:{content_version()}:{get_language()}:{request.scheme}:"
        f"{request.get_host()}:{request.path}"
    )


def _headers(response, filename, attachment, etag, last_modified_ts):
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["ETag"] = etag
    if last_modified_ts:
        response["Last-Modified"] = http_date(last_modified_ts)
    # Clients must revalidate; a 304 costs no query while the feed is cached.
    response["Cache-Control"] = "no-cache"
    return response


def _not_modified(request, etag, last_modified_ts):
    response = get_conditional_response(
        request, etag=etag, last_modified=last_modified_ts, response=HttpResponse()
    )
    return response if response.status_code in (304, 412) else None


def _kept(chunks, key, etag, last_modified_ts):
    """Yield the streamed calendar, and keep it in the cache once it is
    complete, unless it grew past CACHE_MAX_BYTES."""
    kept, size = [], 0
    for chunk in chunks:
        data = chunk.encode() if isinstance(chunk, str) else chunk
        if kept is not None:
            size += len(data)
            if size > CACHE_MAX_BYTES:
                kept = None
                cache.set(key, {"etag": etag, "last_modified": last_modified_ts}, FRAGMENT_TIMEOUT)
            else:
                kept.append(data)
        yield chunk
    if kept is not None:
        entry = {"etag": etag, "last_modified": last_modified_ts, "body": b"".join(kept)}
        cache.set(key, entry, FRAGMENT_TIMEOUT)


def calendar_response(request, make_feed, filename, *, attachment=False, cacheable=True):
    """Serve the feed `make_feed()` builds: 304 when the client's ETag or
    date still matches, otherwise the calendar (from the cache, or streamed),
    with ETag and Last-Modified."""
    key = _cache_key(request) if cacheable else None
    entry = cache.get(key) if key else None
    if entry is not None:
        not_modified = _not_modified(request, entry["etag"], entry["last_modified"])
        if not_modified is not None:
            return not_modified
        if "body" in entry:
            # Streamed like a fresh one, so every feed response looks alike.
            response = StreamingHttpResponse([entry["body"]], content_type=CONTENT_TYPE)
            return _headers(response, filename, attachment, entry["etag"], entry["last_modified"])
    feed = make_feed()
    etag, last_modified = calendar_feeds.feed_fingerprint(feed, site_root=absolute(request, "/"))
    last_modified_ts = int(last_modified.timestamp()) if last_modified else None
    not_modified = _not_modified(request, etag, last_modified_ts)
    if not_modified is not None:
        return not_modified
    chunks = calendar_feeds.stream_feed(feed, _event_urls(request, feed.events))
    if key and request.method == "GET":
        chunks = _kept(chunks, key, etag, last_modified_ts)
    response = StreamingHttpResponse(chunks, content_type=CONTENT_TYPE)
    return _headers(response, filename, attachment, etag, last_modified_ts)


@page_views.register("recap_events.EventIndexPage")
def upcoming_calendar_view(request, index_page):
    """Every upcoming event of the site (one VEVENT per event)."""
    return calendar_response(
        request, lambda: calendar_feeds.upcoming_feed(index_page), "events.ics"
    )


@page_views.register("recap_events.EventPage")
def event_calendar_view(request, event):
    """An event's whole programme, for subscription."""
    return calendar_response(
        request, lambda: calendar_feeds.programme_feed(event), f"{event.slug}.ics"
    )


@page_views.register("recap_events.SessionPage")
def session_calendar_view(request, session):
    """One session, downloaded to add to a calendar."""
    return calendar_response(
        request,
        lambda: calendar_feeds.session_feed(session),
        f"{session.slug}.ics",
        attachment=True,
    )


def speaker_calendar_view(request, speaker):
    return calendar_response(
        request, lambda: calendar_feeds.speaker_feed(speaker), f"{speaker.slug}.ics"
    )


def topic_calendar_view(request, topic):
    return calendar_response(request, lambda: calendar_feeds.topic_feed(topic), f"{topic.slug}.ics")


def agenda_calendar_view(request, agenda):
    # Never cached: it follows the reader's stars, which bump no version.
    return calendar_response(
        request, lambda: calendar_feeds.agenda_feed(agenda), "my-agenda.ics", cacheable=False
    )
