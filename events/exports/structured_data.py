"""schema.org JSON-LD for event and session pages.

The builders take what the page views already loaded (sessions with their
speakers prefetched, the event passed in) so they add no queries.
"""

from recap.core.links import absolute
from recap.speakers.exports.structured_data import person

from .. import recording
from ..following import recording_licence
from ..models import EventStatus, SessionStatus

EVENT_STATUS = {
    EventStatus.SCHEDULED: "https://schema.org/EventScheduled",
    EventStatus.POSTPONED: "https://schema.org/EventPostponed",
    EventStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def iso(value, zone):
    """ISO 8601 with the offset of the event's zone, e.g. 2026-03-05T09:30:00+00:00."""
    return value.astimezone(zone).isoformat()


def location(event, request=None):
    """A Place with its PostalAddress and geo, or a VirtualLocation, or both
    (a hybrid event); None when the event has neither."""
    places = []
    if event.venue_name or event.venue_address or event.city:
        place = {"@type": "Place", "name": event.venue_name or event.city}
        address = {"@type": "PostalAddress"}
        if event.venue_address:
            address["streetAddress"] = event.venue_address
        if event.city:
            address["addressLocality"] = event.city
        if event.country:
            address["addressCountry"] = event.country
        place["address"] = address
        if event.latitude is not None and event.longitude is not None:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(event.latitude),
                "longitude": float(event.longitude),
            }
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if not places:
        return None
    return places[0] if len(places) == 1 else places


def attendance_mode(event):
    physical = bool(event.venue_name or event.venue_address or event.city)
    if physical and event.online_url:
        return "https://schema.org/MixedEventAttendanceMode"
    if event.online_url:
        return "https://schema.org/OnlineEventAttendanceMode"
    return "https://schema.org/OfflineEventAttendanceMode"


def session_event(
    session,
    event,
    request=None,
    speaker_urls=None,
    with_context=False,
    speaker_links=None,
    summary=False,
):
    """A session as a schema.org Event (a sub-event of its event).

    `speaker_links` are the session's SessionSpeaker rows when the caller has
    them already; otherwise the (prefetched) relation is read. A `summary`
    (the event page's sub-events, from events.programme) carries name,
    times, URL, performers by name, and a status only when the
    session is cancelled; the abstract and the performers' details stay on
    the session's own page, which the URL points to (they made a
    200-session programme's JSON-LD 393 KB)."""
    speaker_urls = speaker_urls or {}
    if speaker_links is None and not summary:
        speaker_links = session.speaker_links.all()
    zone = event.tz
    data = {
        "@type": "Event",
        "name": session.title,
        "startDate": iso(session.start, zone),
        "endDate": iso(session.end, zone),
        # events.programme's rows carry their absolute URL (one per event,
        # not a build_absolute_uri() per session).
        "url": getattr(session, "absolute_url", None)
        or absolute(request, getattr(session, "programme_url", None) or session.get_url(request)),
        "eventStatus": EVENT_STATUS[
            EventStatus.CANCELLED if session.status == SessionStatus.CANCELLED else event.status
        ],
    }
    if summary:
        if session.status != SessionStatus.SCHEDULED:
            data["eventStatus"] = EVENT_STATUS[EventStatus.CANCELLED]
        else:
            del data["eventStatus"]  # the event's own status covers its sessions
        # events.programme's speaker rows (name and page URL), no instances.
        performers = [_performer_summary(row, request) for row in session.programme_speakers]
        if performers:
            data["performer"] = performers
        return data
    data["eventAttendanceMode"] = attendance_mode(event)
    place = location(event, request)
    if place:
        if session.room_name and isinstance(place, dict) and place["@type"] == "Place":
            place = {**place, "name": f"{session.room_name}, {place['name']}"}
        data["location"] = place
    performers = [
        person(link.speaker, request, url=speaker_urls.get(link.speaker_id))
        for link in speaker_links
    ]
    if performers:
        data["performer"] = performers
    abstract = session.abstract_text  # cleaned when saved
    if abstract:
        data["description"] = abstract
    following = session.following
    if following.language:
        data["inLanguage"] = following.language
    features = following.accessibility_features()
    if features:
        data["accessibilityFeature"] = features
    video = recording_video(session, event, request)
    if video:
        data["recordedIn"] = video
    if with_context:
        data = {"@context": "https://schema.org", **data}
    return data


def _performer_summary(row, request):
    # By name: the session's own page (the sub-event's URL) links each
    # performer's page; 376 speaker URLs were a tenth of the programme.
    return {"@type": "Person", "name": row.name}


def event_document(event, sessions, request=None, speaker_urls=None, image_url=None):
    """The JSON-LD document of an event page: the Event and its sessions."""
    zone = event.tz
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "startDate": iso(event.start, zone),
        "endDate": iso(event.end, zone),
        "url": absolute(request, event.get_url(request)),
        "eventStatus": EVENT_STATUS.get(event.status, EVENT_STATUS[EventStatus.SCHEDULED]),
        "eventAttendanceMode": attendance_mode(event),
    }
    description = event.search_description or event.intro_text
    if description:
        data["description"] = description
    place = location(event, request)
    if place:
        data["location"] = place
    if event.organiser:
        organiser = {"@type": "Organization", "name": event.organiser}
        if event.website:
            organiser["url"] = event.website
        data["organizer"] = organiser
    if image_url:
        data["image"] = [absolute(request, image_url)]
    if sessions:
        data["subEvent"] = [
            session_event(session, event, request, speaker_urls, summary=True)
            for session in sessions
        ]
    return data


def session_document(session, event, request=None, speaker_urls=None, speaker_links=None):
    """The JSON-LD document of a session page, pointing up to its event."""
    data = session_event(
        session, event, request, speaker_urls, with_context=True, speaker_links=speaker_links
    )
    data["superEvent"] = {
        "@type": "Event",
        "name": event.title,
        "url": absolute(request, event.get_url(request)),
        "startDate": iso(event.start, event.tz),
        "endDate": iso(event.end, event.tz),
    }
    return data


def recording_video(session, event, request=None):
    """The session's recording as a schema.org VideoObject, its chapters as
    `hasPart` Clips (what search engines show as key moments), or None
    without a recording URL."""
    url = session.recording_url
    if not url:
        return None
    video = {
        "@type": "VideoObject",
        "name": session.title,
        "uploadDate": iso(session.end, event.tz),
        "url": absolute(request, url),
    }
    if recording.player_kind(url) == "file":
        video["contentUrl"] = absolute(request, url)
    else:
        video["embedUrl"] = url
    if session.abstract_text:
        video["description"] = session.abstract_text
    language = session.captions_language_code
    if language:
        video["inLanguage"] = language
    if session.captions_vtt:
        video["accessibilityFeature"] = ["captions", "transcript"]
    licence = recording_licence(session, event)
    if licence:
        video["license"] = licence
    clips = []
    for chapter in session.chapter_list:
        clip = {
            "@type": "Clip",
            "name": chapter.title,
            "startOffset": chapter.seconds,
            "url": absolute(request, recording.url_at(url, chapter.seconds)),
        }
        if chapter.end is not None:
            clip["endOffset"] = int(chapter.end.total_seconds())
        clips.append(clip)
    if clips:
        video["hasPart"] = clips
    return video
