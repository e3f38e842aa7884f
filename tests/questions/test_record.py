"""What was asked stays with the talk: a session's questions once it has
ended, written answers after the event, the askers' names gone at the
retention date, and the event's "What was asked" page."""

import datetime as dt

import pytest
from django.core import mail
from django.db.models import F
from django.test import RequestFactory
from django.utils import timezone

from recap.questions.models import DelegateQuestion, QuestionStatus
from recap.questions.record import session_record
from tests.factories import SessionPageFactory, WriteUpPageFactory
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db


def ended(session):
    """The session, moved so that it ended an hour ago (published)."""
    session.start = timezone.now() - dt.timedelta(hours=2)
    session.end = timezone.now() - dt.timedelta(hours=1)
    session.save_revision().publish()
    session.refresh_from_db()
    return session


@pytest.fixture
def session(db):
    return ended(SessionPageFactory(title="Panel on internal comms"))


def asked_url(event):
    return f"/q/event/{event.pk}/asked/"


def test_ended_session_shows_shown_questions_by_votes_with_their_marks(client, session):
    writeup = WriteUpPageFactory(title="What the panel said")
    DelegateQuestionFactory(
        session=session, text="Answered aloud question?", votes=2, status=QuestionStatus.ANSWERED
    )
    cited = DelegateQuestionFactory(
        session=session,
        text="Answered in the post question?",
        votes=9,
        status=QuestionStatus.ANSWERED,
        answered_in=writeup,
    )
    DelegateQuestionFactory(session=session, text="Still open question?", votes=5)
    DelegateQuestionFactory(
        session=session, text="Held back question?", status=QuestionStatus.PENDING
    )
    DelegateQuestionFactory(
        session=session, text="Refused question?", status=QuestionStatus.REJECTED
    )

    html = client.get(session.url).content.decode()

    assert "What was asked" in html
    assert "data-recap-ask" not in html
    post = html.index("Answered in the post question?")
    still = html.index("Still open question?")
    aloud = html.index("Answered aloud question?")
    assert post < still < aloud  # most voted first
    assert (
        f'Answered in <a href="{writeup.url}#question-{cited.pk}">What the panel said</a>' in html
    )
    assert "Answered in the room" in html
    assert "Not answered yet" in html
    assert "5 questions were asked; 2 were not shown in the room." in html
    assert "Held back question?" not in html and "Refused question?" not in html


def test_running_session_has_no_record_section(client, db):
    running = SessionPageFactory(
        start=timezone.now() - dt.timedelta(minutes=10),
        end=timezone.now() + dt.timedelta(minutes=30),
    )
    running.save_revision().publish()

    html = client.get(running.url).content.decode()

    assert "What was asked" not in html
    assert "data-recap-ask" in html


@pytest.mark.parametrize("count", [5, 25])
def test_session_record_queries_do_not_grow(django_assert_max_num_queries, session, count):
    writeups = WriteUpPageFactory.create_batch(2)
    for n in range(count):
        DelegateQuestionFactory(
            session=session, status=QuestionStatus.ANSWERED, answered_in=writeups[n % 2]
        )
    DelegateQuestionFactory.create_batch(count, session=session, status=QuestionStatus.PENDING)
    request = RequestFactory().get(session.url)

    with django_assert_max_num_queries(5):
        context = session_record(request, session)
        urls = [item["answer_url"] for item in context["items"]]

    assert len(urls) == count and all("#question-" in url for url in urls)


def test_written_answer_shows_under_the_question_and_emails_the_asker_once(
    client, session, moderator, django_capture_on_commit_callbacks
):
    question = DelegateQuestionFactory(
        session=session,
        text="How do we measure reach?",
        name="Ama Mensah",
        email="ama@example.org",
        email_consent=True,
    )
    client.force_login(moderator)
    url = f"/admin/recap-questions/{question.pk}/answer/"

    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(
            url, {"written_answer": "With surveys, twice a year.", "written_answer_by": "Jo Lin"}
        )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url,
            {
                "written_answer": "With surveys, twice a year and polls.",
                "written_answer_by": "Jo Lin",
            },
        )
    html = client.get(session.url).content.decode()

    assert first.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert question.answer_emailed_at is not None
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ama@example.org"]
    assert mail.outbox[0].body.startswith("Hello Ama Mensah,")
    assert "With surveys, twice a year." in mail.outbox[0].body
    assert f"#question-{question.pk}" in mail.outbox[0].body
    assert "Jo Lin answered:" in html
    assert "With surveys, twice a year and polls." in html
    assert "Answered after the session" in html


def test_written_answer_without_consent_emails_nobody(
    client, session, moderator, django_capture_on_commit_callbacks
):
    question = DelegateQuestionFactory(session=session)
    client.force_login(moderator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/admin/recap-questions/{question.pk}/answer/",
            {"written_answer": "An answer written the next day."},
        )

    assert mail.outbox == []


def test_written_answer_of_a_pending_question_is_not_found(client, session, moderator):
    question = DelegateQuestionFactory(session=session, status=QuestionStatus.PENDING)
    client.force_login(moderator)

    response = client.get(f"/admin/recap-questions/{question.pk}/answer/")

    assert response.status_code == 404


def test_written_answer_shows_in_the_writeups_question_block(db):
    from django.template.loader import render_to_string

    question = DelegateQuestionFactory(
        written_answer="Twice a year, by survey.",
        written_answer_by="Jo Lin",
        status=QuestionStatus.ANSWERED,
    )

    html = render_to_string(
        "recap_questions/blocks/question_answer_block.html",
        {"value": {"question": question, "answer": ""}},
    )

    assert f'id="question-{question.pk}"' in html
    assert "Jo Lin answered:" in html and "Twice a year, by survey." in html


def test_askers_name_disappears_from_public_pages_at_the_retention_date(client, session, settings):
    settings.RECAP_QUESTIONS_RETENTION_DAYS = 30
    old = DelegateQuestionFactory(
        session=session,
        text="An old question kept?",
        name="Ama Mensah",
        organisation="Northwind Trust",
    )
    DelegateQuestionFactory(session=session, text="A recent question kept?", name="Jo Lin")
    DelegateQuestion.objects.filter(pk=old.pk).update(
        created_at=F("created_at") - dt.timedelta(days=31)
    )

    html = client.get(session.url).content.decode()
    event_html = client.get(asked_url(session.get_parent())).content.decode()

    for page in (html, event_html):
        assert "An old question kept?" in page
        assert "Ama Mensah" not in page and "Northwind Trust" not in page
        assert "Jo Lin" in page
    old.refresh_from_db()
    assert old.name == "Ama Mensah"  # not purged yet: only hidden


def test_ask_form_says_how_long_names_are_shown(client, db, settings):
    settings.RECAP_QUESTIONS_RETENTION_DAYS = 90
    running = SessionPageFactory(
        start=timezone.now() - dt.timedelta(minutes=10),
        end=timezone.now() + dt.timedelta(minutes=30),
    )
    running.save_revision().publish()

    html = client.get(running.url).content.decode()

    assert "Your name and organisation are shown with your question for 90 days" in html


def test_event_asked_page_groups_questions_by_session_and_searches(client, session):
    event = session.get_parent().specific
    event.start = timezone.now() - dt.timedelta(hours=3)  # under way: the link is on its page
    event.save_revision().publish()
    other = ended(SessionPageFactory(parent=event, title="Keynote on trust"))
    DelegateQuestionFactory(session=session, text="How do we measure reach?")
    DelegateQuestionFactory(session=other, text="Who owns the intranet?")
    DelegateQuestionFactory(session=other, text="A pending one?", status=QuestionStatus.PENDING)

    html = client.get(asked_url(event)).content.decode()
    found = client.get(asked_url(event), {"q": "intranet"}).content.decode()
    event_page = client.get(event.url).content.decode()

    assert "Panel on internal comms" in html and "Keynote on trust" in html
    assert "How do we measure reach?" in html and "Who owns the intranet?" in html
    assert "A pending one?" not in html
    assert "2 questions were asked; 1 was not shown in the room." in html
    assert "Who owns the intranet?" in found
    assert "How do we measure reach?" not in found
    assert "1 question matches “intranet”." in found
    assert asked_url(event) in event_page


def test_event_asked_page_of_a_missing_or_draft_event_is_not_found(client, session):
    event = session.get_parent().specific
    event.unpublish()

    assert client.get(asked_url(event)).status_code == 404
    assert client.get("/q/event/999999/asked/").status_code == 404


@pytest.mark.parametrize("count", [2, 6])
def test_event_asked_page_queries_do_not_grow(client, django_assert_max_num_queries, db, count):
    first = ended(SessionPageFactory())
    event = first.get_parent().specific
    for n in range(count):
        session = ended(SessionPageFactory(parent=event)) if n else first
        DelegateQuestionFactory.create_batch(3, session=session)

    with django_assert_max_num_queries(14):
        response = client.get(asked_url(event))

    assert response.status_code == 200


def test_upcoming_event_page_has_no_what_was_asked_link(client, db):
    session = SessionPageFactory()
    event = session.get_parent().specific

    html = client.get(event.url).content.decode()

    assert asked_url(event) not in html
