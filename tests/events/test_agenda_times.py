"""The agenda shows each session at the event's local time, with the zone's
name (issue 21): a Dubai or Auckland session is not shown in UK time."""

import datetime as dt
import zoneinfo

import pytest
from lxml import html

from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


def event_in(zone_name, title, year=2031):
    zone = zoneinfo.ZoneInfo(zone_name)
    start = dt.datetime(year, 3, 10, 9, 0, tzinfo=zone)
    event = EventPageFactory(title=title, time_zone=zone_name, start=start)
    event.end = start + dt.timedelta(hours=9)
    event.save()
    session = SessionPageFactory(
        parent=event,
        title=f"Talk in {title}",
        start=dt.datetime(year, 3, 10, 12, 30, tzinfo=zone),
        end=dt.datetime(year, 3, 10, 14, 0, tzinfo=zone),
    )
    return session


def starred_agenda(client, prefix, *sessions):
    for session in sessions:
        client.post(f"{prefix}/calendar/agenda/star/", {"star": session.pk})
    response = client.get(f"{prefix}/calendar/agenda/")
    assert response.status_code == 200
    doc = html.fromstring(response.content.decode())
    return {
        " ".join(item.xpath("string(.//h2)").split()): " ".join(item.xpath("string(.//p)").split())
        for item in doc.xpath('//li[contains(@class, "agenda__session")]')
    }


@pytest.mark.parametrize("prefix", ["", "/fr"])
def test_agenda_shows_a_session_at_its_events_local_time_with_the_zone(client, prefix):
    dubai = event_in("Asia/Dubai", "Dubai")
    auckland = event_in("Pacific/Auckland", "Auckland")

    items = starred_agenda(client, prefix, dubai, auckland)

    assert "12:30–14:00" in items["Talk in Dubai"]
    assert "Asia/Dubai" in items["Talk in Dubai"]
    assert "12:30–14:00" in items["Talk in Auckland"]
    assert "Pacific/Auckland" in items["Talk in Auckland"]
    assert " 10 " in items["Talk in Auckland"]  # the day there, not the UK's 9 March


def test_agenda_time_elements_carry_the_instant(client):
    dubai = event_in("Asia/Dubai", "Dubai")
    client.post("/calendar/agenda/star/", {"star": dubai.pk})

    doc = html.fromstring(client.get("/calendar/agenda/").content.decode())

    times = doc.xpath('//li[contains(@class, "agenda__session")]//time/@datetime')
    assert times[0].startswith("2031-03-10T12:30:00+04:00")
    assert times[1].startswith("2031-03-10T14:00:00+04:00")
