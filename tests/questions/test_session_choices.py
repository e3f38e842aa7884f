"""The session select of the question chooser's "Create" tab: every session
named with its event, in two queries however many sessions there are."""

import pytest

from recap.questions.admin.choosers import SessionChoiceField
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("count", [1, 6])
def test_session_choices_name_their_event_in_two_queries(count, django_assert_num_queries):
    event = EventPageFactory(title="Comms Camp")
    for number in range(count):
        SessionPageFactory(parent=event, title=f"Talk {number}")
    field = SessionChoiceField()

    with django_assert_num_queries(2):
        labels = [label for value, label in field.choices if value]

    assert len(labels) == count
    assert all(label.startswith("Comms Camp · ") for label in labels)
    assert {label.rsplit(" · ", 1)[1] for label in labels} == {
        f"Talk {number}" for number in range(count)
    }
