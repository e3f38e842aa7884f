"""The admin import flow: upload, preview, confirm."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import GroupPagePermission

from recap.events.models import EventPage, SessionPage
from tests.factories import EventIndexPageFactory, EventPageFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ics"


def upload(name):
    return SimpleUploadedFile(name, (FIXTURES / name).read_bytes(), content_type="text/calendar")


@pytest.fixture
def index():
    return EventIndexPageFactory()


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return user


def preview(client, page, name, **data):
    return client.post(
        f"/admin/recap/import-ics/{page.pk}/", {"file": upload(name), "time_zone": "", **data}
    )


def token_of(response):
    return re.search(r'name="token" value="([^"]+)"', response.content.decode()).group(1)


def test_preview_lists_created_and_skipped_with_reasons_and_writes_nothing(client, editor, index):
    response = preview(client, index, "google-calendar-export.ics")

    assert response.status_code == 200
    html = response.content.decode()
    assert "To create (2)" in html
    assert "Lightning talks" in html
    assert "Speaker prep day" in html and "all-day item" in html
    assert "repeats (RRULE)" in html
    assert "Comms Meetup NYC" in html
    assert not EventPage.objects.exists()


def test_confirm_imports_the_previewed_file_and_publishes(client, editor, index):
    token = token_of(preview(client, index, "sessionize-ic-summit.ics"))

    response = client.post(f"/admin/recap/import-ics/{index.pk}/confirm/", {"token": token})

    event = EventPage.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/admin/pages/{event.pk}/"
    assert event.title == "Internal Comms Summit 2026" and event.live
    assert SessionPage.objects.live().count() == 2


def test_import_on_an_event_previews_widening_and_adds_its_sessions(client, editor, index):
    event = EventPageFactory(parent=index)

    response = preview(client, event, "pretalx-comms-camp-2026.ics")
    assert "will widen" in response.content.decode()
    client.post(f"/admin/recap/import-ics/{event.pk}/confirm/", {"token": token_of(response)})

    assert SessionPage.objects.child_of(event).count() == 2


def test_broken_upload_is_refused_with_the_reason(client, editor, index):
    bad = SimpleUploadedFile("notes.ics", b"Just some notes\r\n", content_type="text/calendar")

    response = client.post(f"/admin/recap/import-ics/{index.pk}/", {"file": bad})

    assert response.status_code == 200
    assert "This file was refused." in response.content.decode()
    assert "not an iCalendar file" in response.content.decode()
    assert not EventPage.objects.exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (
            "UID:far-future\r\nDTSTART:99991231T090000Z\r\nDURATION:PT2H\r\nSUMMARY:Far\r\n",
            "Line 6, UID far-future: DTSTART falls in the year 9999",
        ),
        (
            "UID:mars\r\nDTSTART;TZID=Mars/Olympus_Mons:20261024T090000\r\n"
            "DTEND;TZID=Mars/Olympus_Mons:20261024T100000\r\nSUMMARY:On Mars\r\n",
            "Line 6, UID mars: DTSTART names an unknown time zone",
        ),
    ],
)
def test_upload_with_impossible_times_is_refused_naming_the_line(
    client, editor, index, body, message
):
    data = (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Test//EN\r\n"
        f"BEGIN:VEVENT\r\n{body}END:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()
    bad = SimpleUploadedFile("programme.ics", data, content_type="text/calendar")

    response = client.post(f"/admin/recap/import-ics/{index.pk}/", {"file": bad})

    assert response.status_code == 200
    assert "This file was refused." in response.content.decode()
    assert message in response.content.decode()
    assert not EventPage.objects.exists()


def test_tampered_token_imports_nothing(client, editor, index):
    token = token_of(preview(client, index, "sessionize-ic-summit.ics"))

    response = client.post(f"/admin/recap/import-ics/{index.pk}/confirm/", {"token": token + "x"})

    assert response.status_code == 302
    assert not EventPage.objects.exists()


def test_editor_without_publish_permission_gets_drafts(client, django_user_model, index):
    group = Group.objects.create(name="Contributors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    GroupPagePermission.objects.create(
        group=group, page=index, permission=Permission.objects.get(codename="add_page")
    )
    user = django_user_model.objects.create_user("contributor", password="pw")
    user.groups.add(group)
    client.force_login(user)
    token = token_of(preview(client, index, "outlook-export.ics"))

    client.post(f"/admin/recap/import-ics/{index.pk}/confirm/", {"token": token})

    assert EventPage.objects.get().live is False
    assert SessionPage.objects.get().live is False


def test_user_who_cannot_add_pages_is_refused(client, django_user_model, index):
    group = Group.objects.create(name="Viewers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    user = django_user_model.objects.create_user("viewer", password="pw")
    user.groups.add(group)
    client.force_login(user)

    response = preview(client, index, "outlook-export.ics")

    assert response.status_code in (302, 403)  # Wagtail redirects a refused admin request
    assert not EventPage.objects.exists()


def test_event_page_header_offers_the_import(client, editor, index):
    event = EventPageFactory(parent=index)

    response = client.get(f"/admin/pages/{event.pk}/")

    assert f"/admin/recap/import-ics/{event.pk}/" in response.content.decode()


def test_preview_shows_titles_and_times_not_uids(client, editor, index):
    response = preview(client, index, "sessionize-ic-summit.ics")

    html = response.content.decode()
    assert "Measuring what matters" in html
    assert "Mon 30 Mar 2026 14:00–" in html  # in the file's zone, Europe/London
    assert "sessionize-5512" not in html  # the UIDs


def test_preview_describes_a_repeating_item_with_its_first_time(client, editor, index):
    response = preview(client, index, "google-calendar-export.ics")

    html = response.content.decode()
    row = html.split("Weekly organisers&#x27; call", 1)[1].split("</tr>", 1)[0]
    assert "repeats, from Fri 02 Oct 2026 12:00" in row
    assert "no time" not in row


def test_confirm_can_keep_imported_sessions_as_drafts(client, editor, index):
    token = token_of(preview(client, index, "sessionize-ic-summit.ics"))

    client.post(f"/admin/recap/import-ics/{index.pk}/confirm/", {"token": token, "draft": "1"})

    assert SessionPage.objects.count() == 2
    assert not SessionPage.objects.live().exists()
    assert EventPage.objects.get().live is False


def test_upload_form_on_an_event_does_not_ask_for_a_new_events_zone(client, editor, index):
    event = EventPageFactory(parent=index)

    on_event = client.get(f"/admin/recap/import-ics/{event.pk}/").content.decode()
    on_index = client.get(f"/admin/recap/import-ics/{index.pk}/").content.decode()

    assert "Time zone of a new event" not in on_event
    assert 'name="time_zone"' not in on_event
    assert "Time zone of a new event" in on_index


def test_upload_on_an_event_uses_the_events_zone(client, editor, index):
    event = EventPageFactory(parent=index, time_zone="Asia/Tokyo")

    response = preview(client, event, "sessionize-ic-summit.ics")

    assert response.status_code == 200
    assert "times in Asia/Tokyo" in response.content.decode()


LOWER_CASE_ROOM = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Test//EN\r
BEGIN:VEVENT\r
UID:room-case-1\r
DTSTAMP:20260101T000000Z\r
DTSTART:20260601T090000Z\r
DTEND:20260601T094500Z\r
SUMMARY:Opening words\r
LOCATION:main   stage\r
END:VEVENT\r
END:VCALENDAR\r
"""


def test_preview_names_a_matched_room_as_the_event_does(client, editor, index):
    from tests.factories import event_room

    event = EventPageFactory(parent=index)
    event_room(event, "Main stage")

    response = client.post(
        f"/admin/recap/import-ics/{event.pk}/",
        {"file": SimpleUploadedFile("rooms.ics", LOWER_CASE_ROOM, content_type="text/calendar")},
    )

    html = response.content.decode()
    row = html.split("Opening words", 1)[1].split("</tr>", 1)[0]
    assert "<td>Main stage</td>" in row
    assert "main" not in row.replace("Main stage", "")
    assert "New rooms for the event" not in html


def test_a_drafts_only_editors_import_is_submitted_to_moderation(client, django_user_model, index):
    from wagtail.models import (
        GroupApprovalTask,
        Workflow,
        WorkflowPage,
        WorkflowState,
        WorkflowTask,
    )

    moderators = Group.objects.create(name="Reviewers")
    workflow = Workflow.objects.create(name="Review imports")
    task = GroupApprovalTask.objects.create(name="Review")
    task.groups.add(moderators)
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(workflow=workflow, page=index)
    group = Group.objects.create(name="Contributors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group, page=index, permission=Permission.objects.get(codename=codename)
        )
    user = django_user_model.objects.create_user("contributor", password="pw")
    user.groups.add(group)
    client.force_login(user)
    token = token_of(preview(client, index, "sessionize-ic-summit.ics"))

    response = client.post(
        f"/admin/recap/import-ics/{index.pk}/confirm/", {"token": token}, follow=True
    )

    event = EventPage.objects.get()
    sessions = list(SessionPage.objects.all())
    assert len(sessions) == 2 and not any(session.live for session in sessions)
    states = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    assert sorted(int(state.object_id) for state in states) == sorted(
        [event.pk] + [session.pk for session in sessions]
    )
    assert all(state.requested_by == user for state in states)
    assert all(state.current_task_state.task.specific == task for state in states)
    assert "submitted to moderation" in response.content.decode()


def test_an_editor_who_keeps_drafts_is_not_submitted_to_moderation(client, editor, index):
    from wagtail.models import WorkflowState

    token = token_of(preview(client, index, "sessionize-ic-summit.ics"))

    client.post(f"/admin/recap/import-ics/{index.pk}/confirm/", {"token": token, "draft": "1"})

    assert not WorkflowState.objects.exists()
