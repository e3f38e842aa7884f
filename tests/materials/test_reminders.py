"""The session filters and "Remind speakers"."""

import datetime as dt

import pytest
from django.core import mail
from django.test import override_settings
from time_machine import travel

from recap.events.models import SessionResource
from recap.materials.models import MaterialSubmission, SpeakerLink
from tests.factories import ResourceFactory, SessionPageFactory, SpeakerFactory, add_speaker

pytestmark = pytest.mark.django_db


def links_page(admin_client, event, query=""):
    return admin_client.get(f"/admin/recap-materials/events/{event.pk}/{query}").content.decode()


def test_session_filters_no_slides_and_waiting(admin_client, panel, past_event, ada):
    with_slides = SessionPageFactory(parent=past_event, title="Talk with slides")
    SessionResource.objects.create(
        page=with_slides, resource=ResourceFactory(title="Deck", kind="slides")
    )
    waiting = SessionPageFactory(parent=past_event, title="Talk with something waiting")
    add_speaker(waiting, ada)
    MaterialSubmission.objects.create(
        speaker=ada, session=waiting, slides_url="https://s.example/x"
    )

    no_slides = links_page(admin_client, past_event, "?filter=no_slides")
    pending = links_page(admin_client, past_event, "?filter=pending")

    assert "Internal comms and social" in no_slides
    assert "Talk with something waiting" in no_slides
    assert "Talk with slides" not in no_slides
    assert "Talk with something waiting" in pending
    assert "Internal comms and social" not in pending


def test_session_filter_query_count_is_constant(
    admin_client, past_event, django_assert_max_num_queries
):
    for count in (3, 12):
        for _ in range(count):
            session = SessionPageFactory(parent=past_event)
            add_speaker(session, SpeakerFactory())
        with django_assert_max_num_queries(40):
            admin_client.get(f"/admin/recap-materials/events/{past_event.pk}/?filter=no_slides")


@override_settings(RECAP_SPEAKER_REMINDER_DAYS=3)
def test_remind_speakers_once_every_few_days(admin_client, panel, past_event, ada, ben):
    url = f"/admin/recap-materials/events/{past_event.pk}/remind/"

    admin_client.post(url)

    # Ada has an address and no slides; Ben has no address.
    assert [message.to for message in mail.outbox] == [["ada@example.org"]]
    assert "Internal comms and social" in mail.outbox[0].body
    assert "/speaker-materials/" in mail.outbox[0].body
    assert "Last reminder sent" in links_page(admin_client, past_event)

    admin_client.post(url)
    assert len(mail.outbox) == 1

    with travel(SpeakerLink.objects.get(speaker=ada).reminded_at + dt.timedelta(days=3, hours=1)):
        admin_client.post(url)
    assert len(mail.outbox) == 2


def test_no_reminder_once_the_slides_are_there(admin_client, panel, past_event):
    SessionResource.objects.create(
        page=panel, resource=ResourceFactory(title="Deck", kind="slides")
    )

    admin_client.post(f"/admin/recap-materials/events/{past_event.pk}/remind/")

    assert mail.outbox == []
    assert "No reminder sent yet." in links_page(admin_client, past_event)
