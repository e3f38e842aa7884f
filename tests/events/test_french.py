"""A French reader, delegate or editor sees events in French (issue 11): the
session and event pages, the programme checks, the .ics import's refusals
(still naming the line), and the .ics and frab exports' human text. English
stays the default; the site is not bilingual by URL yet, so French is
switched on with `translation.override`."""

import datetime as dt

import pytest
from django.utils import translation

from recap.events.admin.forms import ImportUploadForm
from recap.events.admin.programme_checks import check_event
from recap.events.importing import ImportRefused, plan_import
from recap.events.models import SessionPage
from tests.events.test_admin import add_form
from tests.factories import EventPageFactory, SessionPageFactory, SpeakerFactory, add_speaker
from tests.translating import french_url

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"  # French typography: a non-breaking space before a colon


def test_session_page_labels_are_french_for_a_french_reader(client):
    session = SessionPageFactory(title="Social media and internal comms", kind="panel")
    add_speaker(session, SpeakerFactory(name="Ada Example"), role="moderator")

    with translation.override("fr"):
        html = client.get(french_url(session.url)).content.decode()

    assert "<dt>Quand</dt>" in html
    assert "<dt>Salle</dt><dd>Main hall</dd>" in html
    assert '<span class="badge badge--kind">Table ronde</span>' in html
    assert '<span class="badge badge--role">Animateur</span>' in html
    assert "Ajouter à l’agenda" in html
    assert (
        f'Ajouter à mon programme<span class="visually-hidden">{NBSP}: «{NBSP}'
        f"Social media and internal comms{NBSP}»</span>"
    ) in html
    assert "<dt>When</dt>" not in html


def test_session_page_stays_english_by_default(client):
    session = SessionPageFactory(title="Opening panel", kind="panel")

    html = client.get(session.url).content.decode()

    assert "<dt>When</dt>" in html
    assert "<dt>Room</dt>" in html
    assert '<span class="badge badge--kind">Panel</span>' in html
    assert 'Add to my agenda<span class="visually-hidden">: “Opening panel”</span>' in html


def test_event_page_programme_is_french_for_a_french_reader(client):
    event = EventPageFactory(title="Comms Summit", status="postponed")
    SessionPageFactory(parent=event, title="Opening keynote", kind="keynote")

    with translation.override("fr"):
        html = client.get(french_url(event.url)).content.decode()

    assert '<h2 id="programme-heading">Programme</h2>' in html
    assert "Cet événement a été reporté" in html
    assert "Conférence plénière" in html
    assert "Grille par salle" in html


def test_programme_check_message_is_french_for_a_french_editor():
    event = EventPageFactory()
    SessionPageFactory(parent=event, title="Talk without anyone", kind="talk")

    with translation.override("fr"):
        messages = [warning.message for warning in check_event(event)]

    assert f"Sessions sans intervenant{NBSP}:" in messages


def test_import_refusal_is_french_and_still_names_the_line():
    data = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"

    with translation.override("fr"), pytest.raises(ImportRefused) as refused:
        plan_import(data, "programme.ics")

    assert str(refused.value) == (
        f"Ligne 3{NBSP}: END:VEVENT ferme le BEGIN:VCALENDAR de la ligne 1\u202f; "
        "le fichier est endommagé ou tronqué."
    )


def test_import_upload_form_error_is_french():
    with translation.override("fr"):
        form = ImportUploadForm(data={"time_zone": "Mars/Olympus"}, files={})
        form.is_valid()
        errors = [str(error) for error in form.errors["time_zone"]]

    assert errors == [f"Fuseau horaire inconnu{NBSP}: utilisez un nom IANA, comme Europe/Paris."]


def test_session_outside_its_event_is_refused_in_french_for_a_french_editor(
    admin_client, admin_user
):
    """Wagtail's admin speaks the editor's preferred language: the form's
    labels, help and errors follow it, with French dates."""
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    event = EventPageFactory(
        time_zone="Europe/London",
        start=dt.datetime(2030, 7, 1, 8, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 7, 1, 16, 0, tzinfo=dt.UTC),
    )
    url, response, data = add_form(admin_client, SessionPage, event)
    assert "Quand et où" in response.content.decode()
    data.update(
        {
            "title": "Too early",
            "slug": "too-early",
            "start": "2030-07-01 07:00",
            "end": "2030-07-01 08:00",
        }
    )

    response = admin_client.post(url, data)

    assert response.context["form"].errors["start"] == [
        f"La session doit commencer pendant l’événement{NBSP}: du 01 Jul 2030 09:00 "
        "au 01 Jul 2030 17:00 (Europe/London)."
    ]


def test_ics_description_and_categories_are_french_for_a_french_subscriber(client):
    event = EventPageFactory()
    session = SessionPageFactory(parent=event, kind="workshop")
    add_speaker(session, SpeakerFactory(name="Ada Example"), role="chair")

    with translation.override("fr"):
        body = b"".join(client.get(french_url(session.url + "session.ics")).streaming_content)
    text = body.decode().replace("\r\n ", "")

    assert f"Intervenants{NBSP}: Ada Example (Président de séance)" in text
    assert "CATEGORIES:Atelier" in text


def test_frab_schedule_titles_are_french_for_a_french_reader(client):
    event = EventPageFactory()
    SessionPageFactory(
        parent=event,
        title="Closing panel",
        status="cancelled",
        start=event.start + dt.timedelta(hours=1),
        end=event.start + dt.timedelta(hours=2),
    )

    with translation.override("fr"):
        xml = client.get(french_url(event.url + "schedule.xml")).content.decode()

    assert "<title>Annulée : Closing panel</title>" in xml.replace(NBSP, " ")
    assert ">Page de la session</link>" in xml
