"""core.tree: parents in one query, and new children's tree paths."""

import pytest
from wagtail.models import Page

from recap.core.tree import new_child_paths
from recap.events.models import SessionPage, attach_sessions_to_events
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


def test_new_child_paths_are_the_paths_add_child_gives():
    event = EventPageFactory()
    SessionPageFactory(parent=event)
    event.refresh_from_db()

    predicted = new_child_paths(event, 3)
    added = [
        SessionPageFactory(parent=Page.objects.get(pk=event.pk).specific).path for _ in range(3)
    ]

    assert predicted == added


def test_a_parent_with_no_children_starts_at_the_first_step():
    event = EventPageFactory()

    assert new_child_paths(event, 2) == [
        event.path + "0001",
        event.path + "0002",
    ]


def test_attached_events_cost_no_query_per_session(django_assert_num_queries):
    event = EventPageFactory()
    for _ in range(3):
        SessionPageFactory(parent=event)

    with django_assert_num_queries(2):
        sessions = attach_sessions_to_events(SessionPage.objects.child_of(event))
        assert {session.event.title for session in sessions} == {event.title}


def test_an_event_not_in_the_events_given_is_none(django_assert_num_queries):
    event = EventPageFactory()
    SessionPageFactory(parent=event)

    sessions = attach_sessions_to_events(
        SessionPage.objects.child_of(event), SessionPage.objects.none()
    )

    assert [session.event for session in sessions] == [None]


def test_an_unattached_session_fetches_its_event_once(django_assert_num_queries):
    event = EventPageFactory()
    session = SessionPage.objects.get(pk=SessionPageFactory(parent=event).pk)

    with django_assert_num_queries(2):
        assert session.event.title == event.title
        assert session.event.pk == event.pk
