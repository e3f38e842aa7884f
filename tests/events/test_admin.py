"""Admin create/edit of events and sessions: tree rules, tabs, choosers, and
times typed in the event's zone, through Wagtail's page editor."""

import datetime as dt

import pytest
from django.urls import reverse
from lxml import html as lxml_html
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import querydict_from_html

from recap.events.models import (
    EventGalleryImage,
    EventIndexPage,
    EventPage,
    EventResource,
    EventRoom,
    SessionPage,
    SessionSpeaker,
)
from recap.writeups.models import WriteUpSession
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    WriteUpPageFactory,
    add_speaker,
    make_image,
)

pytestmark = pytest.mark.django_db


class TestEventTreeRules(WagtailPageTestCase):
    def test_event_pages_live_under_an_event_index(self):
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage})

    def test_sessions_live_under_an_event_and_have_no_children(self):
        self.assertAllowedParentPageTypes(SessionPage, {EventPage})
        self.assertAllowedSubpageTypes(SessionPage, set())
        self.assertCanNotCreateAt(EventIndexPage, SessionPage)

    def test_event_page_is_editable_in_the_admin(self):
        event = EventPageFactory()
        SessionPageFactory(parent=event)

        self.assertPageIsEditable(event)

    def test_event_page_with_gallery_and_resources_is_previewable(self):
        event = EventPageFactory()
        EventGalleryImage.objects.create(page=event, image=make_image(), caption="On stage")
        EventResource.objects.create(page=event, resource=ResourceFactory())
        SessionPageFactory(parent=event)

        self.assertPageIsPreviewable(event)

    def test_writeup_page_is_previewable(self):
        session = SessionPageFactory()
        add_speaker(session, SpeakerFactory())
        writeup = WriteUpPageFactory(event=session.get_parent().specific)
        WriteUpSession.objects.create(page=writeup, session=session)
        self.login()
        edit_url = reverse("wagtailadmin_pages:edit", args=[writeup.pk])
        data = querydict_from_html(
            self.client.get(edit_url).content.decode(), form_id="page-edit-form"
        )
        data["body-count"] = "0"  # the StreamField editor is drawn by JavaScript

        self.assertPageIsPreviewable(writeup, post_data=data)

    def test_session_page_is_editable_and_previewable(self):
        session = SessionPageFactory()
        add_speaker(session, SpeakerFactory())

        self.assertPageIsEditable(session)
        self.assertPageIsPreviewable(session)


def add_form(client, model, parent):
    url = reverse(
        "wagtailadmin_pages:add", args=[model._meta.app_label, model._meta.model_name, parent.pk]
    )
    response = client.get(url)
    assert response.status_code == 200
    return url, response, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def edit_form(client, page):
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    return url, response, querydict_from_html(response.content.decode(), form_id="page-edit-form")


def test_event_edit_form_has_tabs_and_resource_chooser(admin_client):
    event = EventPageFactory()

    _, response, _ = edit_form(admin_client, event)

    html = response.content.decode()
    tabs = [
        " ".join(tab.text_content().split())
        for tab in lxml_html.fromstring(html).xpath('//*[@role="tab"]')
    ]
    assert [tab.split(" (")[0] for tab in tabs][:3] == ["Event", "Details", "Promote"]
    assert 'id="id_resource_links-TOTAL_FORMS"' in html
    assert 'id="id_gallery_images-TOTAL_FORMS"' in html


def test_session_edit_form_has_speaker_chooser_and_shows_local_times(admin_client):
    event = EventPageFactory(
        time_zone="Asia/Tokyo",
        start=dt.datetime(2030, 6, 3, 0, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 6, 3, 9, 0, tzinfo=dt.UTC),
    )
    session = SessionPageFactory(
        parent=event,
        start=dt.datetime(2030, 6, 3, 1, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 6, 3, 2, 0, tzinfo=dt.UTC),
    )

    _, response, data = edit_form(admin_client, session)

    assert 'id="id_speaker_links-TOTAL_FORMS"' in response.content.decode()
    assert data["start"].startswith("2030-06-03 10:00")  # Tokyo wall-clock time
    assert "Local time in Asia/Tokyo." in response.content.decode()


def test_event_created_through_the_admin_reads_times_in_its_zone(admin_client):
    index = EventIndexPageFactory()
    url, _, data = add_form(admin_client, EventPage, index)
    data.update(
        {
            "title": "Tokyo Comms Day",
            "slug": "tokyo-comms-day",
            "start": "2030-06-03 09:00",
            "end": "2030-06-03 18:00",
            "time_zone": "Asia/Tokyo",
            "venue_name": "Harbour Hall",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="tokyo-comms-day")
    assert event.live
    assert event.start == dt.datetime(2030, 6, 3, 0, 0, tzinfo=dt.UTC)


def test_event_created_with_end_before_start_is_refused_with_a_message(admin_client):
    index = EventIndexPageFactory()
    url, _, data = add_form(admin_client, EventPage, index)
    data.update(
        {
            "title": "Backwards",
            "slug": "backwards",
            "start": "2030-06-03 18:00",
            "end": "2030-06-03 09:00",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    assert "The event must end after it starts." in response.context["form"].errors["end"]
    assert not EventPage.objects.filter(slug="backwards").exists()


def test_session_created_through_the_admin_with_speakers(admin_client):
    event = EventPageFactory(
        time_zone="Europe/London",
        start=dt.datetime(2030, 7, 1, 8, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 7, 1, 16, 0, tzinfo=dt.UTC),
    )
    first, second = SpeakerFactory(), SpeakerFactory()
    room = EventRoom.objects.create(page=event, name="Room 1")
    url, _, data = add_form(admin_client, SessionPage, event)
    data.update(
        {
            "title": "The IC panel",
            "slug": "the-ic-panel",
            "kind": "panel",
            "start": "2030-07-01 10:00",
            "end": "2030-07-01 11:00",
            "room": str(room.pk),
            "speaker_links-TOTAL_FORMS": "2",
            "speaker_links-INITIAL_FORMS": "0",
            "speaker_links-0-speaker": str(first.pk),
            "speaker_links-0-role": "moderator",
            "speaker_links-0-ORDER": "1",
            "speaker_links-1-speaker": str(second.pk),
            "speaker_links-1-role": "panellist",
            "speaker_links-1-ORDER": "2",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    session = SessionPage.objects.get(slug="the-ic-panel")
    assert session.start == dt.datetime(2030, 7, 1, 9, 0, tzinfo=dt.UTC)  # 10:00 BST
    assert session.room == room
    links = list(SessionSpeaker.objects.filter(page=session).order_by("sort_order"))
    assert [(link.speaker, link.role) for link in links] == [
        (first, "moderator"),
        (second, "panellist"),
    ]


def test_session_outside_its_event_is_refused_with_the_event_window(admin_client):
    event = EventPageFactory(
        time_zone="Europe/London",
        start=dt.datetime(2030, 7, 1, 8, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 7, 1, 16, 0, tzinfo=dt.UTC),
    )
    url, _, data = add_form(admin_client, SessionPage, event)
    data.update(
        {
            "title": "Too early",
            "slug": "too-early",
            "start": "2030-07-01 07:00",
            "end": "2030-07-01 08:00",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 200
    errors = response.context["form"].errors["start"]
    assert errors == [
        "The session must start within the event: 01 Jul 2030 09:00 to 01 Jul 2030 17:00 (Europe/London)."
    ]
    assert not SessionPage.objects.filter(slug="too-early").exists()


def test_event_dates_cannot_shrink_past_its_sessions(admin_client):
    event = EventPageFactory(
        time_zone="Europe/London",
        start=dt.datetime(2030, 7, 1, 8, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 7, 1, 16, 0, tzinfo=dt.UTC),
    )
    SessionPageFactory(
        parent=event,
        title="Closing panel",
        start=dt.datetime(2030, 7, 1, 14, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 7, 1, 15, 0, tzinfo=dt.UTC),
    )
    url, _, data = edit_form(admin_client, event)
    data.update({"end": "2030-07-01 12:00", "action-publish": "action-publish"})

    response = admin_client.post(url, data)

    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "1 session(s) would fall outside the new dates" in message and "Closing panel" in message
    assert Page.objects.get(pk=event.pk).specific.end == dt.datetime(
        2030, 7, 1, 16, 0, tzinfo=dt.UTC
    )
