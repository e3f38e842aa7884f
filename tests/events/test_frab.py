import datetime as dt
import json
from pathlib import Path

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from lxml import etree

from recap.events.models import EventRoom, SessionResource
from tests.factories import (
    LONDON,
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db

# frab's schedule XSD, shipped with the tests so a clean clone validates.
XSD_PATH = Path(__file__).resolve().parents[1] / "fixtures" / "frab-schedule.xsd"


@pytest.fixture(scope="module")
def schema():
    return etree.XMLSchema(etree.parse(str(XSD_PATH)))


def two_day_event():
    start = dt.datetime(2026, 6, 10, 9, 0, tzinfo=LONDON)
    event = EventPageFactory(
        title="Social Media Summit", start=start, end=start + dt.timedelta(days=1, hours=9)
    )
    panel = SessionPageFactory(
        parent=event,
        title="Internal comms and social",
        kind="panel",
        room="Hall A",
        start=start + dt.timedelta(hours=1),
        end=start + dt.timedelta(hours=2),
        abstract="<p>Who owns the channel?</p><p>And why?</p>",
    )
    talk = SessionPageFactory(
        parent=event,
        title="Day two keynote",
        kind="keynote",
        room="Hall B",
        start=start + dt.timedelta(days=1, hours=1),
        end=start + dt.timedelta(days=1, hours=1, minutes=30),
    )
    ada = SpeakerFactory(name="Ada Okafor")
    ben = SpeakerFactory(name="Ben Ruiz")
    add_speaker(panel, ada, role="moderator")
    add_speaker(panel, ben, role="panellist")
    return event, panel, talk, ada


def test_schedule_xml_validates_against_frab_schema(client, schema):
    event, *_ = two_day_event()

    response = client.get(event.url + "schedule.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    document = etree.fromstring(response.content)
    assert schema.validate(document), schema.error_log


def test_schedule_xml_lists_days_rooms_sessions_and_persons(client):
    event, panel, talk, ada = two_day_event()

    document = etree.fromstring(client.get(event.url + "schedule.xml").content)

    days = document.findall("day")
    assert [d.get("date") for d in days] == ["2026-06-10", "2026-06-11"]
    first = days[0].find("room/event")
    assert days[0].find("room").get("name") == "Hall A"
    assert first.get("guid") == str(panel.calendar_uid)
    assert first.get("id") == str(panel.pk)
    assert first.findtext("start") == "10:00"
    assert first.findtext("duration") == "01:00"
    assert first.findtext("date") == "2026-06-10T10:00:00+01:00"
    assert first.findtext("abstract") == "Who owns the channel?\n\nAnd why?"
    assert [p.text for p in first.findall("persons/person")] == ["Ada Okafor", "Ben Ruiz"]
    assert first.find("persons/person").get("id") == str(ada.pk)
    assert first.find("links/link").get("href") == f"http://testserver{panel.url}"
    assert days[1].find("room/event").get("guid") == str(talk.calendar_uid)


def test_schedule_json_mirrors_the_xml(client):
    event, panel, talk, _ = two_day_event()

    response = client.get(event.url + "schedule.json")

    assert response["Content-Type"].startswith("application/json")
    conference = json.loads(response.content)["schedule"]["conference"]
    assert conference["title"] == "Social Media Summit"
    assert conference["daysCount"] == 2
    assert [room["name"] for room in conference["rooms"]] == ["Hall A", "Hall B"]
    hall_a = conference["days"][0]["rooms"]["Hall A"]
    assert hall_a[0]["guid"] == str(panel.calendar_uid)
    assert hall_a[0]["duration"] == "01:00"
    assert [p["public_name"] for p in hall_a[0]["persons"]] == ["Ada Okafor", "Ben Ruiz"]
    assert conference["days"][1]["rooms"]["Hall B"][0]["title"] == "Day two keynote"


def test_schedule_includes_session_resources_as_links(client):
    event, panel, *_ = two_day_event()
    resource = ResourceFactory(title="IC maturity report", url="https://example.org/report")
    SessionResource.objects.create(page=panel, resource=resource)

    document = etree.fromstring(client.get(event.url + "schedule.xml").content)

    hrefs = [link.get("href") for link in document.findall("day/room/event/links/link")]
    assert "https://example.org/report" in hrefs


def test_schedule_leaves_out_unpublished_sessions(client):
    event, panel, talk, _ = two_day_event()
    panel.unpublish()

    response = client.get(event.url + "schedule.xml")
    document = etree.fromstring(response.content)

    assert response.status_code == 200
    guids = [e.get("guid") for e in document.iter("event")]
    assert str(talk.calendar_uid) in guids
    assert str(panel.calendar_uid) not in guids


def test_schedule_alternates_announce_xml_and_json():
    event = EventPageFactory()

    html = Template('{% include "recap_events/includes/schedule_alternates.html" %}').render(
        Context({"page": event, "request": RequestFactory().get("/")})
    )

    assert (
        f'type="application/xml" title="{event.title}: programme (frab XML)" href="{event.url}schedule.xml"'
        in html
    )
    assert f'href="{event.url}schedule.json"' in html


@pytest.mark.parametrize("count", [5, 25])
def test_schedule_export_query_count_is_constant(client, django_assert_max_num_queries, count):
    event = EventPageFactory()
    speaker = SpeakerFactory()
    for n in range(count):
        session = SessionPageFactory(
            parent=event, title=f"Talk {n}", room=f"Room {n % 3}", revision=False
        )
        add_speaker(session, speaker)
        SessionResource.objects.create(page=session, resource=ResourceFactory())

    # +1: the content version, read from the database once per request (recap.core.versioning).
    with django_assert_max_num_queries(13):
        response = client.get(event.url + "schedule.xml")
    with django_assert_max_num_queries(12):
        client.get(event.url + "schedule.json")

    assert response.content.count(b"<event ") == count


def test_schedule_rooms_follow_the_events_rooms_order_and_use_their_names(client):
    event, panel, talk, _ = two_day_event()
    SessionPageFactory(parent=event, title="Same day, Hall B", room="hall b", start=panel.start)
    EventRoom.objects.filter(page=event, name="Hall B").update(sort_order=0)
    EventRoom.objects.filter(page=event, name="Hall A").update(sort_order=1)

    conference = json.loads(client.get(event.url + "schedule.json").content)["schedule"][
        "conference"
    ]

    assert [room["name"] for room in conference["rooms"]] == ["Hall B", "Hall A"]
    assert list(conference["days"][0]["rooms"]) == ["Hall B", "Hall A"]


def test_schedule_lists_uploaded_slides_as_attachments_and_validates(client, schema):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    event, panel, *_ = two_day_event()
    document = get_document_model().objects.create(
        title="Panel slides", file=ContentFile(b"%PDF-1.4\n", name="panel.pdf")
    )
    slides = ResourceFactory(title="Panel slides", kind="slides", url="", document=document)
    SessionResource.objects.create(page=panel, resource=slides)
    SessionResource.objects.create(
        page=panel, resource=ResourceFactory(title="Report", url="https://example.org/report")
    )

    xml = client.get(event.url + "schedule.xml").content
    tree = etree.fromstring(xml)
    data = json.loads(client.get(event.url + "schedule.json").content)

    schema.assertValid(tree)
    attachment = tree.find("day/room/event/attachments/attachment")
    assert attachment.text == "Panel slides"
    assert attachment.get("href") == f"http://testserver{document.url}"
    assert "https://example.org/report" in [
        link.get("href") for link in tree.findall("day/room/event/links/link")
    ]
    json_event = data["schedule"]["conference"]["days"][0]["rooms"]["Hall A"][0]
    assert json_event["attachments"] == [
        {"url": f"http://testserver{document.url}", "title": "Panel slides"}
    ]
