import datetime as dt
import json
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from tests.factories import (
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    WriteUpPageFactory,
)

pytestmark = pytest.mark.django_db


def test_session_sequence_bumps_when_time_changes():
    session = SessionPageFactory()
    before = session.sequence

    session.start += dt.timedelta(minutes=15)
    session.end += dt.timedelta(minutes=15)
    session.save()

    session.refresh_from_db()
    assert session.sequence == before + 1


def test_session_sequence_unchanged_when_only_title_changes():
    session = SessionPageFactory()
    before = session.sequence

    session.title = "A better title"
    session.save()

    session.refresh_from_db()
    assert session.sequence == before


def test_session_sequence_never_goes_down_when_old_revision_published():
    session = SessionPageFactory()
    old_revision = session.save_revision()
    session.start += dt.timedelta(hours=1)
    session.end += dt.timedelta(hours=1)
    session.save_revision().publish()
    moved_sequence = type(session).objects.get(pk=session.pk).sequence

    old_revision.publish()

    assert type(session).objects.get(pk=session.pk).sequence == moved_sequence + 1


def test_event_end_before_start_is_refused():
    event = EventPageFactory()
    event.end = event.start - dt.timedelta(hours=1)

    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()

    assert "The end must be after the start." in excinfo.value.message_dict["end"]


def test_session_end_before_start_is_refused():
    session = SessionPageFactory()
    session.end = session.start

    with pytest.raises(ValidationError) as excinfo:
        session.full_clean()

    assert "The end must be after the start." in excinfo.value.message_dict["end"]


def test_event_unknown_time_zone_is_refused():
    event = EventPageFactory()
    event.time_zone = "Mars/Olympus_Mons"

    with pytest.raises(ValidationError) as excinfo:
        event.full_clean()

    assert "time_zone" in excinfo.value.message_dict


def test_session_local_times_are_in_the_event_zone():
    event = EventPageFactory(
        time_zone="America/New_York",
        start=dt.datetime(2030, 1, 10, 14, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 1, 10, 22, 0, tzinfo=dt.UTC),
    )
    session = SessionPageFactory(
        parent=event,
        start=dt.datetime(2030, 1, 10, 15, 0, tzinfo=dt.UTC),
        end=dt.datetime(2030, 1, 10, 16, 0, tzinfo=dt.UTC),
    )

    assert session.local_start.strftime("%H:%M %Z") == "10:00 EST"
    assert session.local_start.tzinfo.key == "America/New_York"


def test_event_is_on_only_between_start_and_end():
    event = EventPageFactory()

    assert not event.is_on(event.start - dt.timedelta(minutes=1))
    assert event.is_on(event.start + dt.timedelta(hours=1))
    assert not event.is_on(event.end + dt.timedelta(minutes=1))


def test_event_sessions_are_live_children_in_time_order():
    event = EventPageFactory()
    later = SessionPageFactory(
        parent=event, title="Later", start=event.start + dt.timedelta(hours=3)
    )
    earlier = SessionPageFactory(
        parent=event, title="Earlier", start=event.start + dt.timedelta(hours=1)
    )
    draft = SessionPageFactory(parent=event, title="Draft")
    draft.unpublish()

    assert list(event.sessions()) == [earlier, later]


def test_event_index_splits_upcoming_and_past():
    now = timezone.now()
    past = EventPageFactory(
        start=now - dt.timedelta(days=10), end=now - dt.timedelta(days=10, hours=-6)
    )
    on_now = EventPageFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=5))
    index = past.get_parent().specific

    assert list(index.upcoming_events(now)) == [on_now]
    assert list(index.past_events(now)) == [past]


def test_speaker_slugs_are_unique_and_made_from_the_name():
    first = SpeakerFactory(name="Ada Quill", slug="")
    second = SpeakerFactory(name="Ada Quill", slug="")

    assert (first.slug, second.slug) == ("ada-quill", "ada-quill-2")


def test_writeup_reading_time_counts_body_words_without_rendering_it():
    writeup = WriteUpPageFactory(
        body=json.dumps(
            [
                {"type": "text", "value": "<p>" + "word " * 500 + "</p>"},
                {
                    "type": "video",
                    "value": {"video": "https://www.youtube.com/watch?v=x", "title": "Clip"},
                },
            ]
        )
    )

    with mock.patch("wagtail.embeds.embeds.get_embed") as get_embed:
        minutes = writeup.reading_time

    assert minutes == 3
    assert not get_embed.called
