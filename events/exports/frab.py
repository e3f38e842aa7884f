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
from collections import OrderedDict

from django.conf import settings
from django.db.models import F, Value
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext, gettext_lazy

from recap.core import page_views
from recap.core.links import absolute, page_url
from recap.core.sanitize import strip_controls

from ..following import recording_licence
from ..models import (
    RecordingStatus,
    SessionKind,
    SessionResource,
    SessionSpeaker,
    SessionStatus,
)

# The room of sessions without one, named in the reader's language.
DEFAULT_ROOM = gettext_lazy("Main room")


def hours_minutes(delta):
    """A duration as frab writes it: HH:MM."""
    minutes = max(0, int(delta.total_seconds() // 60))
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


SESSION_FIELDS = (
    "pk",
    "slug",
    "title",
    "kind",
    "start",
    "end",
    "room_name",  # annotated: the room's name, or ""
    "room_order",  # annotated: the room's place in the event's rooms
    "track",
    "status",
    "recording_url",
    "recording_status",
    "recording_licence",
    "recording_optout",
    "abstract_text",
    "calendar_uid",
    "changed",  # annotated: last published, else last revised
)
_KIND_LABELS = dict(SessionKind.choices)


def schedule_sessions(event):
    """The event's public sessions as plain rows (SESSION_FIELDS), each with
    its speakers (speaker id, name, role) and resources (title, href), in
    four queries whatever their number. Rows, not Page instances: building
    10,000 pages would cost more than writing the schedule."""
    published = event.sessions()
    rows = list(
        published.annotate(
            changed=Coalesce("last_published_at", "latest_revision_created_at"),
            room_name=Coalesce("room__name", Value("")),
            room_order=F("room__sort_order"),
        ).values_list(*SESSION_FIELDS, named=True)
    )
    ids = published.values("pk")
    persons = {}
    for page_id, speaker_id, name, role in (
        SessionSpeaker.objects.filter(page__in=ids)
        .order_by("page_id", "sort_order", "pk")
        .values_list("page_id", "speaker_id", "speaker__name", "role")
    ):
        persons.setdefault(page_id, []).append((speaker_id, name, role))
    resources = {}
    for link in (
        SessionResource.objects.filter(page__in=ids)
        .select_related("resource__document", "resource__image")
        .order_by("page_id", "sort_order", "pk")
    ):
        resources.setdefault(link.page_id, []).append(link.resource)
    return [(row, persons.get(row.pk, ()), resources.get(row.pk, ())) for row in rows]


def build_schedule(event, request=None):
    """The programme of `event` as plain data (dicts and lists), the shape
    both the XML and the JSON are written from.

    Text is stored clean (control characters stripped on save, abstracts
    cleaned once into `abstract_text`); titles, rooms and names typed before
    that may still hold control characters, which XML 1.0 cannot carry, so
    each is passed through `strip_controls` (a no-op scan for clean text)."""
    tz = event.tz
    event_url = page_url(request, event)
    sessions = schedule_sessions(event)
    language = settings.LANGUAGE_CODE.split("-")[0]

    first_day = event.local_start.date()
    last_day = event.local_end.date()
    for session, _, _ in sessions:
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

    rooms, rank = [], {}
    venue_room = strip_controls(event.venue_name or str(DEFAULT_ROOM))
    # Translated once per schedule, in the reader's language.
    cancelled_title = gettext("Cancelled: %(title)s")
    session_page, recording = gettext("Session page"), gettext("Recording")
    changed = [event.last_published_at or event.latest_revision_created_at]
    for session, persons, resources in sessions:
        start = timezone.localtime(session.start, tz)
        day = days[(start.date() - first_day).days]
        room = strip_controls(session.room_name) if session.room_name else venue_room
        if room not in rooms:
            rooms.append(room)
            # The event's rooms in their order; a session without one is in
            # the whole venue, listed first.
            rank[room] = (1, session.room_order or 0) if session.room_name else (0, 0)
        title = strip_controls(session.title)
        if session.status == SessionStatus.CANCELLED:
            title = cancelled_title % {"title": title}
        url = f"{event_url}{session.slug}/"
        links = [{"url": url, "title": session_page}]
        if session.recording_url:
            links.append({"url": session.recording_url, "title": recording})
        attachments = []
        for resource in resources:
            # A document's href is a path; a frab reader needs the whole URL.
            href = absolute(request, resource.href)
            if href:
                # Uploaded files (slides sent by a speaker, say) are frab's
                # attachments; everything else is a link.
                found = attachments if resource.document_id else links
                found.append({"url": href, "title": strip_controls(resource.title)})
        day["rooms"].setdefault(room, []).append(
            {
                "id": session.pk,
                "guid": str(session.calendar_uid),
                "date": start,
                "start": start.strftime("%H:%M"),
                "duration": hours_minutes(session.end - session.start),
                "room": room,
                "slug": f"{event.slug}-{session.pk}-{session.slug}",
                "url": url,
                "title": title,
                "subtitle": "",
                "track": strip_controls(session.track),
                "type": str(_KIND_LABELS.get(session.kind, session.kind)),
                "language": language,
                # Cleaned when it was saved (recap.core.cleaned_text).
                "abstract": session.abstract_text,
                "description": "",
                "persons": [
                    {"id": speaker_id, "public_name": strip_controls(name), "role": role}
                    for speaker_id, name, role in persons
                ],
                "links": links,
                # frab's <recording> (license, optout); voc/schedule JSON's names.
                "recording_license": strip_controls(recording_licence(session, event)),
                "do_not_record": session.recording_optout
                or (session.recording_status or event.default_recording_status)
                == RecordingStatus.NOT_RECORDED,
                "attachments": attachments,
            }
        )
        changed.append(session.changed)

    rooms.sort(key=rank.get)
    for day in days:
        day["rooms"] = OrderedDict(sorted(day["rooms"].items(), key=lambda item: rank[item[0]]))
    last_change = max((moment for moment in changed if moment), default=None)
    return {
        "version": last_change.strftime("%Y-%m-%d %H:%M") if last_change else "1",
        "conference": {
            "acronym": event.slug,
            "title": strip_controls(event.title),
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


def _xml_text(value):
    """Character data, escaped as ElementTree escapes it. XML 1.0 cannot carry
    control characters (ElementTree would write them anyway: an invalid
    document), so they are dropped."""
    text = strip_controls(str(value))
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_ATTRIBUTE_ESCAPES = str.maketrans(
    {
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "\r": "&#13;",
        "\n": "&#10;",
        "\t": "&#09;",
    }
)


def _attributes(attributes):
    return "".join(
        f' {name}="{strip_controls(str(value)).translate(_ATTRIBUTE_ESCAPES)}"'
        for name, value in attributes.items()
    )


def _element(indent, tag, text="", **attributes):
    """One element without children on its own line: `<tag>text</tag>`, or
    `<tag />` when empty (ElementTree's short form)."""
    text = _xml_text(text)
    if text:
        return f"{indent}<{tag}{_attributes(attributes)}>{text}</{tag}>\n"
    return f"{indent}<{tag}{_attributes(attributes)} />\n"


def _parent(indent, tag, children, **attributes):
    """An element with child elements (each line already indented), or the
    short empty form when there are none."""
    if not children:
        return f"{indent}<{tag}{_attributes(attributes)} />\n"
    return f"{indent}<{tag}{_attributes(attributes)}>\n{''.join(children)}{indent}</{tag}>\n"


_EVENT_TEXT_KEYS = (
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
)


def _event_xml(item, indent):
    inner = indent + "  "
    children = [_element(inner, "date", item["date"].isoformat())]
    children += [_element(inner, key, item[key]) for key in _EVENT_TEXT_KEYS]
    persons = [
        _element(inner + "  ", "person", person["public_name"], id=person["id"])
        for person in item["persons"]
    ]
    children.append(_parent(inner, "persons", persons))
    links = [
        _element(inner + "  ", "link", link["title"], href=link["url"]) for link in item["links"]
    ]
    children.append(_parent(inner, "links", links))
    recording = [
        _element(inner + "  ", "license", item["recording_license"]),
        _element(inner + "  ", "optout", "true" if item["do_not_record"] else "false"),
    ]
    children.append(_parent(inner, "recording", recording))
    attachments = [
        _element(inner + "  ", "attachment", attachment["title"], href=attachment["url"])
        for attachment in item["attachments"]
    ]
    if attachments:
        children.append(_parent(inner, "attachments", attachments))
    return _parent(indent, "event", children, guid=item["guid"], id=item["id"])


def schedule_as_xml(schedule):
    """The schedule as frab XML (bytes, UTF-8, with an XML declaration).

    Written as text, byte for byte what ElementTree's `indent` and
    `tostring` gave (two-space indentation, `<tag />` for empty elements,
    the same escaping): building and serialising an element tree cost
    seconds for a 10,000-session programme."""
    info = schedule["conference"]
    conference = [
        _element(
            "    ", key, info[key].isoformat() if isinstance(info[key], dt.date) else info[key]
        )
        for key in ("title", "acronym", "start", "end", "days", "timeslot_duration")
    ]
    parts = [
        "<?xml version='1.0' encoding='UTF-8'?>\n<schedule>\n",
        _element("  ", "version", schedule["version"]),
        _parent("  ", "conference", conference),
    ]
    for day in schedule["days"]:
        rooms = [
            _parent(
                "    ",
                "room",
                [_event_xml(item, "      ") for item in events],
                name=room_name,
            )
            for room_name, events in day["rooms"].items()
        ]
        parts.append(
            _parent(
                "  ",
                "day",
                rooms,
                index=day["index"],
                date=day["date"].isoformat(),
                start=day["start"].isoformat(),
                end=day["end"].isoformat(),
            )
        )
    parts.append("</schedule>\n")
    return "".join(parts).encode()


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
    # Not indented: only the unindented form has json's C encoder, which
    # writes a 10,000-session schedule several times faster.
    return json.dumps(data, ensure_ascii=False)


def _public_response(content, content_type):
    response = HttpResponse(content, content_type=content_type)
    # The programme is public: conference apps and other sites may fetch it.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@page_views.register("recap_events.EventPage")
def schedule_xml_view(request, event):
    """GET <event>/schedule.xml: the programme as frab XML."""
    xml = schedule_as_xml(build_schedule(event, request))
    return _public_response(xml, "application/xml; charset=utf-8")


@page_views.register("recap_events.EventPage")
def schedule_json_view(request, event):
    """GET <event>/schedule.json: the programme as voc/schedule JSON."""
    return _public_response(
        schedule_as_json(build_schedule(event, request)), "application/json; charset=utf-8"
    )
