"""The iCalendar feeds, parsed back with icalendar."""

import datetime as dt
import zoneinfo

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from icalendar import Calendar

from recap.events.exports.ical import fold_line
from recap.events.models import EventTopic, SessionTopic
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    TopicFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db

LONDON = zoneinfo.ZoneInfo("Europe/London")
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
UTC = dt.UTC


def local(zone, *args):
    return dt.datetime(*args, tzinfo=zone)


def parse(response):
    body = b"".join(response.streaming_content)
    return body, Calendar.from_ical(body)


def fetch(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, response.status_code
    return response, *parse(response)


def make_event(zone_name, start, end, **kwargs):
    EventIndexPageFactory() if not _has_index() else None
    return EventPageFactory(time_zone=zone_name, start=start, end=end, **kwargs)


def _has_index():
    from recap.events.models import EventIndexPage

    return EventIndexPage.objects.exists()


def event_url(event):
    return event.url + event.reverse_subpage("calendar")


def by_summary(calendar):
    return {str(item["SUMMARY"]): item for item in calendar.walk("VEVENT")}


@pytest.fixture
def london_event():
    event = make_event(
        "Europe/London",
        local(LONDON, 2026, 10, 24, 9, 0),
        local(LONDON, 2026, 10, 26, 18, 0),
        title="Social Media Summit",
        venue_name="Riverside Hall",
        venue_address="1 Quay Street",
        city="London",
        country="United Kingdom",
        latitude="51.507351",
        longitude="-0.127758",
    )
    return event


def test_programme_feed_has_every_property_of_each_session(client, london_event):
    topic = TopicFactory(name="Internal comms")
    session = SessionPageFactory(
        parent=london_event,
        title="The role of IC pros, today",
        kind="panel",
        room="Room 1",
        start=local(LONDON, 2026, 10, 24, 10, 0),
        end=local(LONDON, 2026, 10, 24, 11, 0),
        abstract="<p>Where <b>internal</b> comms meets social\x07 media.</p>",
    )
    add_speaker(session, SpeakerFactory(name="Ada Okafor"), role="moderator")
    add_speaker(session, SpeakerFactory(name="Ben Ito"), role="panellist")
    SessionTopic.objects.create(content_object=session, tag=topic)
    session.refresh_from_db()

    response, body, calendar = fetch(client, event_url(london_event))

    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == f"{session.calendar_uid}@recap"
    assert vevent["DTSTAMP"].dt == session.last_published_at.replace(microsecond=0)
    assert vevent["LAST-MODIFIED"].dt == session.last_published_at.replace(microsecond=0)
    assert vevent["DTSTART"].params["TZID"] == "Europe/London"
    assert vevent["DTSTART"].dt == session.start
    assert vevent["DTEND"].dt == session.end
    assert str(vevent["SUMMARY"]) == "The role of IC pros, today"
    description = str(vevent["DESCRIPTION"])
    assert "Where internal comms meets social media." in description
    assert "\x07" not in description and "<b>" not in description
    assert "Ada Okafor (Moderator), Ben Ito (Panellist)" in description
    page_url = f"http://testserver{session.url}"
    assert page_url in description
    assert str(vevent["URL"]) == page_url
    assert str(vevent["LOCATION"]) == (
        "Room 1, Riverside Hall, 1 Quay Street, London, United Kingdom"
    )
    assert (vevent["GEO"].latitude, vevent["GEO"].longitude) == (51.507351, -0.127758)
    assert list(vevent["CATEGORIES"].cats) == ["Panel", "Internal comms"]
    assert vevent["SEQUENCE"] == session.sequence + london_event.sequence
    assert str(vevent["STATUS"]) == "CONFIRMED"
    assert str(calendar["X-WR-CALNAME"]) == "Social Media Summit"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"
    assert calendar["REFRESH-INTERVAL"].params["VALUE"] == "DURATION"
    assert calendar["REFRESH-INTERVAL"].dt == dt.timedelta(hours=1)
    assert b"X-PUBLISHED-TTL:PT1H\r\n" in body
    assert b"REFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n" in body


def test_programme_feed_is_served_inline_as_utf8_calendar_with_crlf_folded_lines(
    client, london_event
):
    SessionPageFactory(
        parent=london_event,
        title="Ünïcödé " * 30,
        start=local(LONDON, 2026, 10, 24, 10, 0),
        end=local(LONDON, 2026, 10, 24, 11, 0),
    )

    response, body, calendar = fetch(client, event_url(london_event))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline;")
    assert body.count(b"\n") == body.count(b"\r\n")
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    assert str(calendar.walk("VEVENT")[0]["SUMMARY"]) == ("Ünïcödé " * 30).strip()


def test_fold_line_never_splits_a_utf8_character():
    line = ("SUMMARY:" + "é" * 100).encode()

    folded = fold_line(line)

    for part in folded.split(b"\r\n"):
        assert len(part) <= 75
        part.decode("utf-8")  # raises if a character was cut in two
    assert folded.replace(b"\r\n ", b"") == line


def test_session_download_is_an_attachment_with_its_one_session(client, london_event):
    session = SessionPageFactory(parent=london_event, title="Keynote")
    SessionPageFactory(parent=london_event, title="Other talk")

    response, body, calendar = fetch(client, session.url + "session.ics")

    assert response["Content-Disposition"] == f'attachment; filename="{session.slug}.ics"'
    assert [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")] == ["Keynote"]


def test_cancelled_session_stays_in_feed_with_status_cancelled(client, london_event):
    session = SessionPageFactory(parent=london_event, title="Dropped talk")
    session.status = "cancelled"
    session.save_revision().publish()

    _, _, calendar = fetch(client, event_url(london_event))

    vevent = by_summary(calendar)["Dropped talk"]
    assert str(vevent["STATUS"]) == "CANCELLED"
    assert vevent["SEQUENCE"] == 1


def test_control_characters_are_stripped_from_every_text_property(client):
    event = make_event(
        "Europe/London",
        local(LONDON, 2026, 6, 1, 9),
        local(LONDON, 2026, 6, 1, 18),
        title="Summit\x1b[31m",
        venue_name="Hall\x01\u202e",  # PostgreSQL cannot store NUL
    )
    SessionPageFactory(parent=event, title="Talk\x0b one", room="Room\x7f 2")

    _, body, calendar = fetch(client, event_url(event))

    text = body.decode()
    for char in ("\x1b", "\x00", "\x01", "\u202e", "\x0b", "\x7f"):
        assert char not in text
    vevent = calendar.walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Talk one"
    assert str(vevent["LOCATION"]).startswith("Room 2, Hall")


CLOCK_CHANGES = [
    # (zone, day before the change, day after it): sessions on both sides.
    ("Europe/London", (2026, 3, 28), (2026, 3, 30)),
    ("Europe/London", (2026, 10, 24), (2026, 10, 26)),
    ("America/New_York", (2026, 3, 7), (2026, 3, 9)),
    ("America/New_York", (2026, 10, 31), (2026, 11, 2)),
]


@pytest.mark.parametrize(("zone_name", "before", "after"), CLOCK_CHANGES)
def test_times_keep_their_instant_and_zone_across_a_clock_change(client, zone_name, before, after):
    zone = zoneinfo.ZoneInfo(zone_name)
    event = make_event(zone_name, local(zone, *before, 8), local(zone, *after, 23, 30))
    # 21:00 in New York is the next day in UTC: the dates differ.
    sessions = [
        SessionPageFactory(
            parent=event,
            title=f"{day} {hour}",
            start=local(zone, *day, hour),
            end=local(zone, *day, hour, 45),
        )
        for day in (before, after)
        for hour in (9, 21)
    ]

    _, _, calendar = fetch(client, event_url(event))

    vevents = by_summary(calendar)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert str(vtimezone["TZID"]) == zone_name
    zone_from_file = vtimezone.to_tz()
    for session in sessions:
        vevent = vevents[session.title]
        assert vevent["DTSTART"].params["TZID"] == zone_name
        assert vevent["DTSTART"].dt == session.start
        assert vevent["DTEND"].dt == session.end
        wall = vevent["DTSTART"].dt.replace(tzinfo=None)
        assert wall == session.start.astimezone(zone).replace(tzinfo=None)
        # The VTIMEZONE in the file alone gives the right offset on each side.
        assert (
            wall.replace(tzinfo=zone_from_file).utcoffset() == wall.replace(tzinfo=zone).utcoffset()
        )
    offsets = {vevents[s.title]["DTSTART"].dt.utcoffset() for s in sessions}
    assert len(offsets) == 2
    late = sessions[1]
    assert late.start.astimezone(UTC).date() != late.start.astimezone(zone).date() or (
        zone_name == "Europe/London"
    )


def test_vtimezone_covers_the_feed_dates_with_a_margin_not_decades(client, london_event):
    SessionPageFactory(parent=london_event)

    _, body, calendar = fetch(client, event_url(london_event))

    (vtimezone,) = calendar.walk("VTIMEZONE")
    starts = [sub["DTSTART"].dt for sub in vtimezone.subcomponents]
    assert min(starts) <= dt.datetime(2026, 10, 24) - dt.timedelta(days=30)
    assert min(starts) >= dt.datetime(2025, 10, 1)
    assert b"19700101" not in body
    assert b"TZID:GMT\r\n" not in body


def test_feed_answers_304_to_the_etag_a_client_sends_back(client, london_event):
    SessionPageFactory(parent=london_event)
    url = event_url(london_event)
    first = client.get(url)
    body = b"".join(first.streaming_content)
    etag = first["ETag"]
    assert etag.startswith('"') and etag.endswith('"')

    again = client.get(url, headers={"If-None-Match": etag})
    since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    several = client.get(url, headers={"If-None-Match": f'"other", {etag}'})
    repeat = client.get(url)

    assert again.status_code == 304
    assert since.status_code == 304
    assert several.status_code == 304
    assert b"".join(repeat.streaming_content) == body
    assert repeat["ETag"] == etag


def test_feed_etag_and_sequence_change_when_a_session_moves(client, london_event):
    session = SessionPageFactory(parent=london_event, title="Moving talk")
    url = event_url(london_event)
    first = client.get(url)
    b"".join(first.streaming_content)

    session.start += dt.timedelta(hours=1)
    session.end += dt.timedelta(hours=1)
    session.save_revision().publish()
    response = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert response.status_code == 200
    assert response["ETag"] != first["ETag"]
    vevent = by_summary(Calendar.from_ical(b"".join(response.streaming_content)))["Moving talk"]
    assert vevent["SEQUENCE"] == 1


def test_feed_etag_changes_when_a_speaker_is_renamed(client, london_event):
    speaker = SpeakerFactory(name="Ada Okafor")
    add_speaker(SessionPageFactory(parent=london_event), speaker)
    url = event_url(london_event)
    first = client.get(url)

    speaker.name = "Ada Okafor-Reid"
    speaker.save()
    response = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert response.status_code == 200
    assert b"Ada Okafor-Reid" in b"".join(response.streaming_content)


def _programme_with(count):
    event = make_event("Europe/London", local(LONDON, 2026, 6, 1, 8), local(LONDON, 2026, 6, 3, 20))
    topic = TopicFactory()
    speakers = [SpeakerFactory() for _ in range(3)]
    for n in range(count):
        session = SessionPageFactory(
            parent=event,
            start=local(LONDON, 2026, 6, 1, 9) + dt.timedelta(minutes=10 * n),
            end=local(LONDON, 2026, 6, 1, 9, 30) + dt.timedelta(minutes=10 * n),
            abstract=f"<p>Abstract {n}</p>",
            revision=False,
        )
        add_speaker(session, speakers[n % 3], role="moderator")
        SessionTopic.objects.create(content_object=session, tag=topic)
    return event


@pytest.mark.parametrize("count", [5, 25])
def test_programme_feed_queries_do_not_grow_with_sessions(
    client, count, django_assert_max_num_queries
):
    event = _programme_with(count)
    url = event_url(event)

    # +1: the content version, read from the database once per request (recap.core.versioning).
    # +1: Wagtail's view-restriction check, run on file-like routes too.
    with django_assert_max_num_queries(14):
        response = client.get(url)
        body = b"".join(response.streaming_content)

    assert body.count(b"BEGIN:VEVENT") == count


@pytest.mark.parametrize("count", [5, 25])
def test_programme_feed_served_again_costs_at_most_pretalx_queries(
    client, count, django_assert_max_num_queries
):
    event = _programme_with(count)
    url = event_url(event)
    b"".join(client.get(url).streaming_content)  # the first reader fills the cache

    with django_assert_max_num_queries(8):  # issue 12: pretalx's schedule.ics makes 8
        body = b"".join(client.get(url).streaming_content)

    assert body.count(b"BEGIN:VEVENT") == count


@pytest.mark.parametrize("count", [5, 25])
def test_session_feed_queries_do_not_grow_with_speakers(
    client, count, django_assert_max_num_queries
):
    session = SessionPageFactory(parent=_programme_with(1))
    for _ in range(count):
        add_speaker(session, SpeakerFactory())
    url = session.url + "session.ics"

    # +1: the content version, read from the database once per request (recap.core.versioning).
    # +1: Wagtail's view-restriction check, run on file-like routes too.
    with django_assert_max_num_queries(14):  # uncached: routing to a session is 7
        first = b"".join(client.get(url).streaming_content)
    with django_assert_max_num_queries(11):  # cached, as served again; issue 12's budget
        again = b"".join(client.get(url).streaming_content)

    assert first == again and first.count(b"BEGIN:VEVENT") == 1


def test_cached_feed_changes_at_once_when_a_session_is_published(client, london_event):
    session = SessionPageFactory(parent=london_event, title="Before")
    url = event_url(london_event)
    b"".join(client.get(url).streaming_content)

    session.title = "After"
    session.save_revision().publish()

    assert b"SUMMARY:After" in b"".join(client.get(url).streaming_content)


def test_cached_feed_answers_304_to_a_current_etag(client, london_event):
    SessionPageFactory(parent=london_event)
    url = event_url(london_event)
    first = client.get(url)
    b"".join(first.streaming_content)

    again = client.get(url, headers={"If-None-Match": first["ETag"]})

    assert again.status_code == 304


@pytest.mark.parametrize("count", [5, 25])
def test_speaker_feed_queries_do_not_grow_with_sessions(
    client, count, django_assert_max_num_queries
):
    event = _programme_with(count)
    speaker = event.get_children().specific().first().speaker_links.first().speaker

    # +1: the content version, read from the database (recap.core.versioning).
    with django_assert_max_num_queries(13):
        response = client.get(f"/calendar/speakers/{speaker.slug}.ics")
        body = b"".join(response.streaming_content)

    assert body.count(b"BEGIN:VEVENT") == len(range(0, count, 3))


def test_speaker_feed_lists_their_sessions_across_events_in_each_zone(client):
    speaker = SpeakerFactory(name="Ada Okafor")
    london = make_event(
        "Europe/London", local(LONDON, 2026, 5, 1, 9), local(LONDON, 2026, 5, 1, 18)
    )
    new_york = make_event(
        "America/New_York", local(NEW_YORK, 2026, 9, 1, 9), local(NEW_YORK, 2026, 9, 1, 18)
    )
    add_speaker(SessionPageFactory(parent=london, title="In London"), speaker)
    add_speaker(SessionPageFactory(parent=new_york, title="In New York"), speaker, "chair")
    SessionPageFactory(parent=london, title="Someone else")

    _, _, calendar = fetch(client, f"/calendar/speakers/{speaker.slug}.ics")

    vevents = by_summary(calendar)
    assert set(vevents) == {"In London", "In New York"}
    assert vevents["In New York"]["DTSTART"].params["TZID"] == "America/New_York"
    assert "Ada Okafor (Chair)" in str(vevents["In New York"]["DESCRIPTION"])
    assert {str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")} == {
        "Europe/London",
        "America/New_York",
    }
    assert str(calendar["X-WR-CALNAME"]) == "Ada Okafor"
    assert str(calendar["X-WR-TIMEZONE"]) == "Europe/London"  # the site's, for mixed zones


def test_speaker_feed_of_unknown_speaker_is_404(client):
    assert client.get("/calendar/speakers/nobody.ics").status_code == 404


def test_topic_feed_lists_sessions_on_it_and_sessions_of_events_on_it(client):
    topic = TopicFactory(name="Crisis comms")
    tagged_event = make_event(
        "Europe/London", local(LONDON, 2026, 5, 1, 9), local(LONDON, 2026, 5, 1, 18)
    )
    other_event = make_event(
        "Europe/London", local(LONDON, 2026, 6, 1, 9), local(LONDON, 2026, 6, 1, 18)
    )
    EventTopic.objects.create(content_object=tagged_event, tag=topic)
    SessionPageFactory(parent=tagged_event, title="In tagged event")
    on_topic = SessionPageFactory(parent=other_event, title="On topic")
    SessionTopic.objects.create(content_object=on_topic, tag=topic)
    SessionPageFactory(parent=other_event, title="Off topic")

    _, _, calendar = fetch(client, f"/calendar/topics/{topic.slug}.ics")

    assert set(by_summary(calendar)) == {"In tagged event", "On topic"}


def test_unpublished_sessions_are_left_out_of_feeds(client, london_event):
    SessionPageFactory(parent=london_event, title="Published")
    draft = SessionPageFactory(parent=london_event, title="Draft")
    draft.unpublish()

    _, _, calendar = fetch(client, event_url(london_event))

    assert set(by_summary(calendar)) == {"Published"}


def test_upcoming_feed_lists_upcoming_events_not_past_ones(client):
    index = EventIndexPageFactory()
    soon = make_event(
        "America/New_York",
        local(NEW_YORK, 2099, 3, 7, 9),
        local(NEW_YORK, 2099, 3, 9, 18),
        title="Future summit",
        latitude="40.7",
        longitude="-74.0",
    )
    make_event(
        "Europe/London", local(LONDON, 2001, 1, 1, 9), local(LONDON, 2001, 1, 1, 18), title="Old"
    )

    _, _, calendar = fetch(client, index.url + "calendar.ics")

    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Future summit"
    assert str(vevent["UID"]) == f"{soon.calendar_uid}@recap"
    assert vevent["DTSTART"].dt == soon.start
    assert vevent["DTSTART"].params["TZID"] == "America/New_York"
    assert str(vevent["URL"]) == f"http://testserver{soon.url}"


def _render(template, **context):
    request = RequestFactory().get("/")
    return Template("{% load recap_calendar_tags %}" + template).render(
        Context({"request": request, **context})
    )


def test_calendar_alternate_links_the_programme_feed(london_event):
    html = _render("{% calendar_alternate event %}", event=london_event)

    assert 'rel="alternate" type="text/calendar"' in html
    assert f'href="http://testserver{london_event.url}programme.ics"' in html


def test_calendar_links_offer_download_and_webcal_subscription():
    speaker = SpeakerFactory(slug="ada-okafor")

    html = _render("{% calendar_links speaker %}", speaker=speaker)

    assert 'href="http://testserver/calendar/speakers/ada-okafor.ics"' in html
    assert "Add to calendar" in html
    assert 'href="webcal://testserver/calendar/speakers/ada-okafor.ics"' in html


def test_calendar_links_of_a_session_subscribe_to_its_programme(london_event):
    session = SessionPageFactory(parent=london_event)

    html = _render("{% calendar_links session %}", session=session)

    assert f"http://testserver{session.url}session.ics" in html
    assert f'href="webcal://testserver{london_event.url}programme.ics"' in html
