"""An event's programme in the frab schedule format, as XML and as JSON.

Conference apps (Giggity, ConfClerk, the c3voc tools) read this format. The
XML follows the frab schedule XSD; the JSON mirrors it in the layout of the
voc/schedule JSON (``schedule.conference.days[].rooms{name: [events]}``).

Every session is an ``<event>`` whose ``guid`` is the session's stored
calendar UID, the same one its iCalendar UID is made from, so an app that
reads both sees one session, not two.
"""

import datetime as dt
import json
import xml.etree.ElementTree as ET  # noqa: S405 - Recap only writes XML here, never parses it
from collections import OrderedDict

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils import timezone

from recap.core.links import absolute, page_url
from recap.core.sanitize import scrub, strip_controls

from .models import SessionSpeaker

DEFAULT_ROOM = "Main room"


def hours_minutes(delta):
    """A duration as frab writes it: HH:MM."""
    minutes = max(0, int(delta.total_seconds() // 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def schedule_sessions(event):
    """The event's public sessions with everything the export shows, in a
    fixed number of queries."""
    return event.sessions().prefetch_related(
        Prefetch(
            "speaker_links",
            queryset=SessionSpeaker.objects.select_related("speaker").order_by("sort_order"),
        ),
        "resource_links__resource__document",
    )


def build_schedule(event, request=None):
    """The programme of `event` as plain data (dicts and lists), the shape
    both the XML and the JSON are written from."""
    tz = event.tz
    event_url = page_url(request, event)
    sessions = list(schedule_sessions(event))
    language = settings.LANGUAGE_CODE.split("-")[0]

    first_day = event.local_start.date()
    last_day = event.local_end.date()
    for session in sessions:
        first_day = min(first_day, timezone.localtime(session.start, tz).date())
        last_day = max(last_day, timezone.localtime(session.end, tz).date())
    day_count = (last_day - first_day).days + 1

    days = []
    for offset in range(day_count):
        date = first_day + dt.timedelta(days=offset)
        midnight = dt.datetime.combine(date, dt.time.min, tzinfo=tz)
        days.append(
            {
                "index": offset + 1,
                "date": date,
                "start": max(event.local_start, midnight),
                "end": min(event.local_end, midnight + dt.timedelta(days=1)),
                "rooms": OrderedDict(),
            }
        )

    rooms = []
    changed = [event.last_published_at or event.latest_revision_created_at]
    for session in sessions:
        start = timezone.localtime(session.start, tz)
        day = days[(start.date() - first_day).days]
        room = session.room or event.venue_name or DEFAULT_ROOM
        if room not in rooms:
            rooms.append(room)
        title = session.title
        if session.is_cancelled:
            title = f"Cancelled: {title}"
        links = [{"url": f"{event_url}{session.slug}/", "title": "Session page"}]
        if session.recording_url:
            links.append({"url": session.recording_url, "title": "Recording"})
        for resource_link in session.resource_links.all():
            # A document's href is a path; a frab reader needs the whole URL.
            href = absolute(request, resource_link.resource.href)
            if href:
                links.append({"url": href, "title": resource_link.resource.title})
        day["rooms"].setdefault(room, []).append(
            {
                "id": session.pk,
                "guid": str(session.calendar_uid),
                "date": start,
                "start": start.strftime("%H:%M"),
                "duration": hours_minutes(session.end - session.start),
                "room": room,
                "slug": f"{event.slug}-{session.pk}-{session.slug}",
                "url": f"{event_url}{session.slug}/",
                "title": title,
                "subtitle": "",
                "track": session.track,
                "type": session.get_kind_display(),
                "language": language,
                # Cleaned when it was saved (recap.core.cleaned_text).
                "abstract": session.abstract_text,
                "description": "",
                "persons": [
                    {"id": link.speaker_id, "public_name": link.speaker.name, "role": link.role}
                    for link in session.speaker_links.all()
                ],
                "links": links,
            }
        )
        changed.append(session.last_published_at or session.latest_revision_created_at)

    last_change = max((moment for moment in changed if moment), default=None)
    # Titles and names typed before input was cleaned may hold control
    # characters, which XML 1.0 cannot carry.
    return scrub(
        {
            "version": last_change.strftime("%Y-%m-%d %H:%M") if last_change else "1",
            "conference": {
                "acronym": event.slug,
                "title": event.title,
                "start": first_day,
                "end": last_day,
                "days": day_count,
                "timeslot_duration": "00:15",
                "time_zone_name": event.time_zone,
                "url": event_url,
            },
            "rooms": rooms,
            "days": days,
        }
    )


def _xml_text(value):
    # XML 1.0 cannot carry control characters, and ElementTree would write
    # them anyway (an invalid document), so they are dropped here.
    return strip_controls(str(value))


def _sub(parent, tag, text="", **attributes):
    element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attributes.items()})
    element.text = _xml_text(text)
    return element


def schedule_as_xml(schedule):
    """The schedule as frab XML (bytes, UTF-8, with an XML declaration)."""
    root = ET.Element("schedule")
    _sub(root, "version", schedule["version"])
    conference = ET.SubElement(root, "conference")
    info = schedule["conference"]
    for key in ("title", "acronym", "start", "end", "days", "timeslot_duration"):
        value = info[key]
        _sub(conference, key, value.isoformat() if isinstance(value, dt.date) else value)
    for day in schedule["days"]:
        day_element = _sub(
            root,
            "day",
            index=day["index"],
            date=day["date"].isoformat(),
            start=day["start"].isoformat(),
            end=day["end"].isoformat(),
        )
        day_element.text = None
        for room_name, events in day["rooms"].items():
            room_element = ET.SubElement(day_element, "room", name=_xml_text(room_name))
            for item in events:
                event_element = ET.SubElement(
                    room_element, "event", guid=item["guid"], id=str(item["id"])
                )
                _sub(event_element, "date", item["date"].isoformat())
                for key in (
                    "start",
                    "duration",
                    "room",
                    "slug",
                    "title",
                    "subtitle",
                    "track",
                    "type",
                    "language",
                    "abstract",
                    "description",
                ):
                    _sub(event_element, key, item[key])
                persons = ET.SubElement(event_element, "persons")
                for person in item["persons"]:
                    _sub(persons, "person", person["public_name"], id=person["id"])
                links = ET.SubElement(event_element, "links")
                for link in item["links"]:
                    _sub(links, "link", link["title"], href=link["url"])
    ET.indent(root)
    return ET.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def schedule_as_json(schedule):
    """The schedule as voc/schedule JSON (a str), mirroring the XML."""
    info = schedule["conference"]
    days = []
    for day in schedule["days"]:
        days.append(
            {
                "index": day["index"],
                "date": day["date"].isoformat(),
                "day_start": day["start"].isoformat(),
                "day_end": day["end"].isoformat(),
                "rooms": {
                    room: [
                        {
                            **{k: v for k, v in item.items() if k != "date"},
                            "date": item["date"].isoformat(),
                            "persons": [
                                {"id": p["id"], "public_name": p["public_name"], "role": p["role"]}
                                for p in item["persons"]
                            ],
                        }
                        for item in events
                    ]
                    for room, events in day["rooms"].items()
                },
            }
        )
    data = {
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "Recap"},
        "schedule": {
            "version": schedule["version"],
            "base_url": info["url"],
            "conference": {
                "acronym": info["acronym"],
                "title": info["title"],
                "start": info["start"].isoformat(),
                "end": info["end"].isoformat(),
                "daysCount": info["days"],
                "timeslot_duration": info["timeslot_duration"],
                "time_zone_name": info["time_zone_name"],
                "url": info["url"],
                "rooms": [{"name": room} for room in schedule["rooms"]],
                "days": days,
            },
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=1)


def _public_response(content, content_type):
    response = HttpResponse(content, content_type=content_type)
    # The programme is public: conference apps and other sites may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def schedule_xml_view(request, event):
    """GET <event>/schedule.xml: the programme as frab XML."""
    xml = schedule_as_xml(build_schedule(event, request))
    return _public_response(xml, "application/xml; charset=utf-8")


def schedule_json_view(request, event):
    """GET <event>/schedule.json: the programme as voc/schedule JSON."""
    return _public_response(
        schedule_as_json(build_schedule(event, request)), "application/json; charset=utf-8"
    )
