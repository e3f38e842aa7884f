"""Rooms as records: an event's ordered rooms, sessions choosing one of
them, the programme grid in the rooms' order, the .ics import mapping
LOCATION to rooms."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from lxml import html as lxml_html

from recap.events.importing import apply_import, plan_import
from recap.events.models import EventPage, EventRoom, SessionPage
from tests.events.test_admin import add_form, edit_form
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    event_room,
)

pytestmark = pytest.mark.django_db

UTC = dt.UTC


def room_names(event):
    return list(
        EventRoom.objects.filter(page=event).order_by("sort_order").values_list("name", flat=True)
    )


def test_event_created_in_the_admin_keeps_its_rooms_in_order(admin_client):
    index = EventIndexPageFactory()
    url, _, data = add_form(admin_client, EventPage, index)
    data.update(
        {
            "title": "Rooms day",
            "slug": "rooms-day",
            "start": "2030-06-03 09:00",
            "end": "2030-06-03 18:00",
            "time_zone": "Europe/London",
            "rooms-TOTAL_FORMS": "2",
            "rooms-0-name": "  Main   hall ",
            "rooms-0-ORDER": "2",
            "rooms-1-name": "Foyer",
            "rooms-1-ORDER": "1",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    assert room_names(EventPage.objects.get(slug="rooms-day")) == ["Foyer", "Main hall"]


def test_event_refuses_two_rooms_that_differ_only_by_case(admin_client):
    event = EventPageFactory()
    event_room(event, "Main hall")
    url, _, data = edit_form(admin_client, event)
    data.update(
        {
            "rooms-TOTAL_FORMS": "2",
            "rooms-1-name": "main HALL",
            "rooms-1-ORDER": "2",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "“main HALL” is already a room of this event (as “Main hall”)." in (
        response.content.decode()
    )
    assert room_names(event) == ["Main hall"]


def test_event_refuses_removing_a_room_its_sessions_use(admin_client):
    event = EventPageFactory()
    SessionPageFactory(parent=event, room="Studio 2")
    url, _, data = edit_form(admin_client, event)
    data.update({"rooms-0-DELETE": "1", "action-publish": "action-publish"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The room “Studio 2” has 1 session(s)" in response.content.decode()
    assert room_names(event) == ["Studio 2"]


def test_session_form_offers_only_its_events_rooms(admin_client):
    event = EventPageFactory()
    event_room(event, "Hall A")
    event_room(EventPageFactory(), "Elsewhere")

    _, response, _ = add_form(admin_client, SessionPage, event)

    tree = lxml_html.fromstring(response.content)
    options = tree.xpath('//select[@name="room"]/option/text()')
    assert options == ["No room (the whole event)", "Hall A"]


def test_session_refuses_a_room_of_another_event(admin_client):
    event = EventPageFactory()
    elsewhere = event_room(EventPageFactory(), "Elsewhere")
    url, _, data = add_form(admin_client, SessionPage, event)
    data.update({"title": "Wrong room", "slug": "wrong-room", "room": str(elsewhere.pk)})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert response.context["form"].errors["room"] == ["Choose one of this event's rooms."]
    assert not SessionPage.objects.filter(slug="wrong-room").exists()


def test_session_model_refuses_a_room_of_another_event():
    session = SessionPageFactory()
    session.room = event_room(EventPageFactory(), "Elsewhere")

    with pytest.raises(Exception, match="Choose one of this session's event's rooms"):
        session.full_clean()


def test_new_session_form_starts_on_the_events_day_in_its_zone(admin_client):
    event = EventPageFactory(
        time_zone="Asia/Tokyo",
        start=dt.datetime(2030, 6, 3, 0, 0, tzinfo=UTC),
        end=dt.datetime(2030, 6, 3, 9, 0, tzinfo=UTC),
    )

    _, response, data = add_form(admin_client, SessionPage, event)

    assert data["start"].startswith("2030-06-03 09:00")  # 09:00 in Tokyo
    assert data["end"].startswith("2030-06-03 10:00")
    assert "Local time in Asia/Tokyo." in response.content.decode()


def test_programme_grid_columns_follow_the_rooms_order(client):
    event = EventPageFactory()
    at = event.start + dt.timedelta(hours=1)
    SessionPageFactory(parent=event, title="In A", room="Hall A", start=at)
    SessionPageFactory(parent=event, title="In B", room="Hall B", start=at)
    EventRoom.objects.filter(page=event, name="Hall B").update(sort_order=0)
    EventRoom.objects.filter(page=event, name="Hall A").update(sort_order=1)

    response = client.get(event.url + "?view=grid")

    tree = lxml_html.fromstring(response.content)
    headings = tree.xpath('//table//thead//th[@scope="col"]/text()')
    assert headings[-2:] == ["Hall B", "Hall A"]
    cells = tree.xpath("//table//tbody/tr[1]/td")
    assert "In B" in cells[0].text_content() and "In A" in cells[1].text_content()


def test_changing_a_sessions_room_bumps_its_sequence_and_keeping_it_does_not():
    session = SessionPageFactory(room="Hall A")
    sequence = SessionPage.objects.get(pk=session.pk).sequence

    session.title = "Renamed"
    session.save()
    unchanged = SessionPage.objects.get(pk=session.pk).sequence
    session.room = event_room(session.get_parent(), "Hall B")
    session.save()

    assert unchanged == sequence
    assert SessionPage.objects.get(pk=session.pk).sequence == sequence + 1


def ics(*events):
    body = "".join(
        "BEGIN:VEVENT\r\n"
        f"UID:{uid}\r\nDTSTART:20300603T{hour:02d}0000Z\r\nDTEND:20300603T{hour:02d}3000Z\r\n"
        f"SUMMARY:{uid}\r\nLOCATION:{location}\r\nEND:VEVENT\r\n"
        for uid, hour, location in events
    )
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


def import_into(event, data, publish=True):
    plan = plan_import(data, "programme.ics", event=event)
    return plan, apply_import(plan, publish=publish)


def test_import_maps_location_to_rooms_whatever_the_case_and_creates_missing_ones():
    event = EventPageFactory(
        venue_name="",
        city="",
        country="",
        start=dt.datetime(2030, 6, 3, 8, tzinfo=UTC),
        end=dt.datetime(2030, 6, 3, 18, tzinfo=UTC),
    )
    hall = event_room(event, "Main hall")

    import_into(event, ics(("a", 9, "MAIN HALL"), ("b", 10, "Studio  2"), ("c", 11, "studio 2")))

    sessions = {s.title: s for s in SessionPage.objects.child_of(event).select_related("room")}
    assert sessions["a"].room == hall
    assert sessions["b"].room == sessions["c"].room
    assert room_names(event) == ["Main hall", "Studio 2"]
    # Importing the same file again finds nothing to change.
    plan, _ = import_into(event, ics(("a", 9, "main hall"), ("b", 10, "Studio 2")))
    assert [item.action for item in plan.sessions] == ["unchanged", "unchanged"]


def test_import_keeps_new_rooms_in_the_events_unpublished_draft():
    event = EventPageFactory(
        venue_name="",
        start=dt.datetime(2030, 6, 3, 8, tzinfo=UTC),
        end=dt.datetime(2030, 6, 3, 18, tzinfo=UTC),
    )
    event_room(event, "Main hall")
    event = EventPage.objects.get(pk=event.pk)
    event.title = "Renamed in a draft"
    event.save_revision()

    import_into(event, ics(("a", 9, "Loft")))

    draft = EventPage.objects.get(pk=event.pk).get_latest_revision_as_object()
    assert draft.title == "Renamed in a draft"
    assert [room.name for room in draft.rooms.all()] == ["Main hall", "Loft"]
    draft.save_revision().publish()  # publishing the draft keeps the imported room
    assert room_names(event) == ["Main hall", "Loft"]
    assert SessionPage.objects.get(title="a").room.name == "Loft"


def test_copying_an_event_keeps_its_sessions_in_the_copys_rooms(admin_client):
    event = EventPageFactory(slug="original")
    session = SessionPageFactory(parent=event, room="Studio 2")

    response = admin_client.post(
        f"/admin/pages/{event.pk}/copy/",
        {
            "new_title": "Next year",
            "new_slug": "next-year",
            "new_parent_page": str(event.get_parent().pk),
            "copy_subpages": "on",
            "publish_copies": "on",
        },
    )

    assert response.status_code == 302
    copy = EventPage.objects.get(slug="next-year")
    copied = SessionPage.objects.child_of(copy).select_related("room").get()
    assert copied.room.page_id == copy.pk and copied.room.name == "Studio 2"
    assert copied.latest_revision.content["room"] == copied.room.pk
    assert SessionPage.objects.get(pk=session.pk).room.page_id == event.pk


def test_a_session_copied_into_another_event_takes_that_events_room_of_its_name(admin_client):
    session = SessionPageFactory(room="Main hall")
    other = EventPageFactory()
    hall = event_room(other, "MAIN HALL")

    response = admin_client.post(
        f"/admin/pages/{session.pk}/copy/",
        {"new_title": session.title, "new_slug": "copied", "new_parent_page": str(other.pk)},
    )

    assert response.status_code == 302
    assert SessionPage.objects.get(slug="copied").room == hall


def test_import_preview_names_the_rooms_it_will_add(admin_client):
    event = EventPageFactory(
        venue_name="",
        start=dt.datetime(2030, 6, 3, 8, tzinfo=UTC),
        end=dt.datetime(2030, 6, 3, 18, tzinfo=UTC),
    )
    event_room(event, "Main hall")
    upload = SimpleUploadedFile(
        "programme.ics", ics(("a", 9, "main hall"), ("b", 10, "Loft")), "text/calendar"
    )

    response = admin_client.post(f"/admin/recap/import-ics/{event.pk}/", {"file": upload})

    assert "New rooms for the event: Loft</p>" in response.content.decode()


def test_translating_an_event_gives_its_sessions_the_translated_events_rooms(admin_client):
    from wagtail.actions.copy_for_translation import CopyPageForTranslationAction

    from tests.translating import french

    event = EventPageFactory()
    event_room(event, "Foyer")
    hall = event_room(event, "Main hall")
    session = SessionPageFactory(parent=event, title="Keynote", slug="keynote")
    session.room = hall
    session.save_revision().publish()

    french_event = CopyPageForTranslationAction(
        event, french(), include_subtree=True, copy_parents=True
    ).execute(skip_permission_checks=True)
    french_hall = EventRoom.objects.get(page=french_event, name="Main hall")
    french_hall.name = "Grande salle"
    french_hall.save()
    french_session = SessionPage.objects.get(
        locale=french(), translation_key=session.translation_key
    )

    assert french_session.room == french_hall
    assert french_session.latest_revision.as_object().room_id == french_hall.pk
    # The translation's editor takes it as it is (no "another event's room").
    url, _, data = edit_form(admin_client, french_session)
    response = admin_client.post(url, {**data, "action-publish": "action-publish"})
    assert response.status_code == 302, response.context["form"].errors
    french_session.refresh_from_db()
    assert french_session.live and french_session.room_name == "Grande salle"


def test_a_session_translated_after_its_events_rooms_were_renamed_keeps_its_room():
    from wagtail.actions.copy_for_translation import CopyPageForTranslationAction

    from tests.translating import french

    event = EventPageFactory()
    event_room(event, "Foyer")
    hall = event_room(event, "Main hall")
    session = SessionPageFactory(parent=event, title="Keynote", slug="keynote")
    session.room = hall
    session.save_revision().publish()
    french_event = CopyPageForTranslationAction(event, french(), copy_parents=True).execute(
        skip_permission_checks=True
    )
    EventRoom.objects.filter(page=french_event, name="Main hall").update(name="Grande salle")

    CopyPageForTranslationAction(session, french()).execute(skip_permission_checks=True)

    french_session = SessionPage.objects.get(
        locale=french(), translation_key=session.translation_key
    )
    assert french_session.room_name == "Grande salle"
    assert room_names(french_event) == ["Foyer", "Grande salle"]
