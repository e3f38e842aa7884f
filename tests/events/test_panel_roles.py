"""A panel's speakers get a panel's roles (issue 22): left at the default,
the first moderates and the others are panellists; a role the editor chose
is kept; other kinds keep "Speaker". In the session editor and the .ics
import."""

import datetime as dt
from pathlib import Path

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from recap.events.importing import apply_import, plan_import
from recap.events.models import SessionPage, SessionSpeaker
from tests.factories import EventIndexPageFactory, EventPageFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ics"


def new_session(client, event, kind, rows):
    url = reverse("wagtailadmin_pages:add", args=["recap_events", "sessionpage", event.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    data.update(
        {
            "title": "Where do IC pros fit?",
            "slug": "where-do-ic-pros-fit",
            "kind": kind,
            "start": "2030-07-01 10:00",
            "end": "2030-07-01 11:00",
            "speaker_links-TOTAL_FORMS": str(len(rows)),
            "speaker_links-INITIAL_FORMS": "0",
            "action-publish": "action-publish",
        }
    )
    for index, (speaker, role) in enumerate(rows):
        data[f"speaker_links-{index}-speaker"] = str(speaker.pk)
        data[f"speaker_links-{index}-role"] = role
        data[f"speaker_links-{index}-ORDER"] = str(index + 1)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    session = SessionPage.objects.get(slug="where-do-ic-pros-fit")
    links = SessionSpeaker.objects.filter(page=session).order_by("sort_order")
    return [(link.speaker, link.role) for link in links]


@pytest.fixture
def event():
    return EventPageFactory(
        time_zone="Europe/London",
        start=dt.datetime(2030, 7, 1, 8, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 7, 1, 16, 0, tzinfo=dt.UTC),
    )


def test_a_panels_first_speaker_moderates_and_the_others_are_panellists(admin_client, event):
    first, second, third = SpeakerFactory(), SpeakerFactory(), SpeakerFactory()

    roles = new_session(
        admin_client, event, "panel", [(first, "speaker"), (second, "speaker"), (third, "speaker")]
    )

    assert roles == [(first, "moderator"), (second, "panellist"), (third, "panellist")]


def test_a_role_the_editor_chose_on_a_panel_is_kept(admin_client, event):
    first, second, third = SpeakerFactory(), SpeakerFactory(), SpeakerFactory()

    roles = new_session(
        admin_client, event, "panel", [(first, "speaker"), (second, "moderator"), (third, "chair")]
    )

    # A moderator was chosen: the first is a panellist, the chair stays chair.
    assert roles == [(first, "panellist"), (second, "moderator"), (third, "chair")]


def test_a_talks_speakers_stay_speakers(admin_client, event):
    first, second = SpeakerFactory(), SpeakerFactory()

    roles = new_session(admin_client, event, "talk", [(first, "speaker"), (second, "speaker")])

    assert roles == [(first, "speaker"), (second, "speaker")]


def test_an_imported_panel_gets_a_moderator_and_panellists():
    ada, ben = SpeakerFactory(name="Ada Okafor"), SpeakerFactory(name="Ben Ito")
    data = (FIXTURES / "sessionize-ic-summit.ics").read_bytes()

    result = apply_import(
        plan_import(data, "programme.ics"), index_page=EventIndexPageFactory(), publish=True
    )

    panel = SessionPage.objects.child_of(result.event).get(kind="panel")
    links = panel.speaker_links.order_by("sort_order")
    assert [(link.speaker, link.role) for link in links] == [
        (ada, "moderator"),
        (ben, "panellist"),
    ]
