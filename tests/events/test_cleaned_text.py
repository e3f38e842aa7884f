"""Untrusted rich text is cleaned once, when it is saved: sessions' abstracts,
events' intros and speakers' bios keep a plain-text copy that calendars, the
frab schedule and JSON-LD carry as stored, without cleaning it again."""

import json

import pytest
from icalendar import Calendar

from recap.events.models import EventPage, SessionPage
from recap.speakers.models import Speaker
from tests.factories import EventPageFactory, SessionPageFactory, SpeakerFactory

pytestmark = pytest.mark.django_db

HOSTILE = "<p>Who <b>owns</b> the &amp; channel?<script>alert(1)</script></p><p>And\x07 why?</p>"
CLEANED = "Who owns the & channel?alert(1)\n\nAnd why?"


def test_session_abstract_is_stored_cleaned_on_save():
    session = SessionPageFactory(abstract=HOSTILE)

    assert SessionPage.objects.get(pk=session.pk).abstract_text == CLEANED


def test_session_abstract_copy_follows_a_published_revision():
    session = SessionPageFactory(abstract="<p>First draft</p>")

    session.abstract = "<p>Second <i>thoughts</i></p>"
    session.save_revision().publish()

    assert SessionPage.objects.get(pk=session.pk).abstract_text == "Second thoughts"


def test_event_intro_and_speaker_bio_are_stored_cleaned_on_save():
    event = EventPageFactory(intro=HOSTILE)
    speaker = SpeakerFactory(bio="<p>Ada <b>leads</b> comms.</p>")

    assert EventPage.objects.get(pk=event.pk).intro_text == CLEANED
    assert Speaker.objects.get(pk=speaker.pk).bio_text == "Ada leads comms."


def _stored_copy_is_shown(session):
    # Replaced behind the model's back: what a feed shows now can only come
    # from the stored copy, not from cleaning the abstract again.
    SessionPage.objects.filter(pk=session.pk).update(abstract_text="As stored")


def test_calendar_carries_the_stored_abstract_copy(client):
    session = SessionPageFactory(abstract="<p>Original</p>")
    _stored_copy_is_shown(session)

    response = client.get(session.url + "session.ics")

    calendar = Calendar.from_ical(b"".join(response.streaming_content))
    (vevent,) = calendar.walk("VEVENT")
    assert str(vevent["DESCRIPTION"]).startswith("As stored\n\n")


def test_schedule_json_carries_the_stored_abstract_copy(client):
    session = SessionPageFactory(abstract="<p>Original</p>")
    _stored_copy_is_shown(session)

    data = json.loads(client.get(session.event.url + "schedule.json").content)

    (day,) = data["schedule"]["conference"]["days"]
    (item,) = day["rooms"]["Main hall"]
    assert item["abstract"] == "As stored"


def test_session_json_ld_carries_the_stored_abstract_copy(client):
    session = SessionPageFactory(abstract="<p>Original</p>")
    _stored_copy_is_shown(session)

    body = client.get(session.url).content.decode()

    assert '"description": "As stored"' in body or '"description":"As stored"' in body


def test_preview_shows_the_edited_abstract_before_it_is_saved(rf):
    from django.contrib.auth.models import AnonymousUser

    session = SessionPageFactory(abstract="<p>Saved</p>")
    session.abstract = "<p>Being <b>edited</b></p>"
    request = rf.get(session.url)
    request.user = AnonymousUser()

    response = session.serve_preview(request, "")

    assert "Being edited" in response.rendered_content
    assert SessionPage.objects.get(pk=session.pk).abstract_text == "Saved"


def test_speaker_preview_shows_the_edited_bio(rf):
    from django.contrib.auth.models import AnonymousUser

    speaker = SpeakerFactory(bio="<p>Saved bio</p>")
    speaker.bio = "<p>Edited <i>bio</i></p>"
    request = rf.get("/")
    request.user = AnonymousUser()

    context = speaker.get_preview_context(request, "")

    assert "Edited bio" in str(context["json_ld"])
