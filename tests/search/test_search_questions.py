"""Delegate questions in the site search: the approved and answered
questions of public sessions, found by their text and shown with a link to
their session; never a pending or rejected one, never one of a private
session, never the asker's name."""

import pytest
from wagtail.models import PageViewRestriction

from recap.questions.models import QuestionStatus
from tests.factories import EventPageFactory, SessionPageFactory
from tests.questions.factories import DelegateQuestionFactory
from tests.search.test_search import result_titles
from tests.test_privacy import assert_hides

pytestmark = pytest.mark.django_db

ASKED = "Where does the zebra crossing budget come from?"


@pytest.fixture
def session():
    event = EventPageFactory(title="Streets summit")
    return SessionPageFactory(parent=event, title="Crossings that work")


def test_an_approved_question_is_found_by_its_text_with_its_session(client, session):
    question = DelegateQuestionFactory(
        session=session, text=ASKED, name="Ottilie Quarrington", organisation="Quarry Council"
    )

    response = client.get("/search/", {"q": "zebra crossing"})

    html = response.content.decode()
    assert result_titles(response) == [ASKED]
    assert "<mark>zebra</mark> <mark>crossing</mark>" in html
    assert f'href="{session.url}#question-{question.pk}"' in html
    assert "Asked at Crossings that work · Streets summit" in html
    assert "Questions (1)" in html
    assert "Ottilie" not in html
    assert "Quarry Council" not in html


def test_an_answered_question_is_found_and_says_so(client, session):
    DelegateQuestionFactory(session=session, text=ASKED, status=QuestionStatus.ANSWERED)

    response = client.get("/search/", {"q": "zebra", "type": "question"})

    assert len(result_titles(response)) == 1
    assert "Answered" in response.content.decode()


@pytest.mark.parametrize("status", [QuestionStatus.PENDING, QuestionStatus.REJECTED])
def test_a_question_not_shown_in_the_room_is_not_found(client, session, status):
    DelegateQuestionFactory(session=session, text=ASKED, status=status)

    response = client.get("/search/", {"q": "zebra"})

    assert result_titles(response) == []
    assert "zebra crossing budget" not in response.content.decode()


def test_a_question_is_not_found_by_its_askers_name(client, session):
    DelegateQuestionFactory(
        session=session, text=ASKED, name="Ottilie Quarrington", organisation="Quarry Council"
    )

    for query in ["Quarrington", "Quarry Council", "Ottilie"]:
        response = client.get("/search/", {"q": query})
        assert result_titles(response) == [], query
        assert "zebra" not in response.content.decode()


@pytest.mark.parametrize("where", ["session", "event"])
def test_a_question_of_a_private_session_is_not_found(client, session, where):
    DelegateQuestionFactory(session=session, text=ASKED)
    page = session if where == "session" else session.get_parent()
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
    )

    response = client.get("/search/", {"q": "zebra crossing"})

    assert_hides(response, [session.specific])
    assert "zebra crossing budget" not in response.content.decode()


def test_a_question_of_an_unpublished_session_is_not_found(client, session):
    DelegateQuestionFactory(session=session, text=ASKED)
    session.unpublish()

    assert result_titles(client.get("/search/", {"q": "zebra"})) == []


def test_questions_are_filtered_by_their_sessions_event(client, session):
    DelegateQuestionFactory(session=session, text=ASKED)
    other = SessionPageFactory(parent=EventPageFactory(title="Rivers summit"))
    DelegateQuestionFactory(session=other, text="Is the zebra crossing by the river safe?")

    response = client.get("/search/", {"q": "zebra", "event": session.get_parent().pk})

    assert result_titles(response) == [ASKED]


@pytest.mark.parametrize("count", [3, 15])
def test_question_results_cost_the_same_queries_at_any_size(
    client, django_assert_max_num_queries, count
):
    event = EventPageFactory(title="Streets summit")
    for n in range(count):
        session = SessionPageFactory(parent=event, title=f"Crossings {n}")
        DelegateQuestionFactory(session=session, text=f"Zebra crossing number {n}?")
    client.get("/search/", {"q": "warm up"})

    with django_assert_max_num_queries(28):
        response = client.get("/search/", {"q": "zebra", "type": "question"})

    assert len(result_titles(response)) == min(count, 10)
