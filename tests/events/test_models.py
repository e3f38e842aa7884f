import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from tests.factories import EventPageFactory, SessionPageFactory

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
