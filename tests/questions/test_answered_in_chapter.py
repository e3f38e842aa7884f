"""A delegate question linked to the chapter of the recording where it was
answered (issue 23): the moderator's field, and the link to that moment."""

import datetime as dt

import pytest
from django.template import Context, Template

from recap.events.models import SessionChapter
from recap.questions.models import DelegateQuestion, QuestionStatus
from tests.factories import SessionPageFactory

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=abcdefghijk"


def question_on(session):
    return DelegateQuestion.objects.create(
        session=session, event=session.event, text="Who reads it?", status=QuestionStatus.APPROVED
    )


def edit(admin_client, question, chapter_pk):
    return admin_client.post(
        f"/admin/recap_questions/delegatequestion/edit/{question.pk}/",
        {
            "text": question.text,
            "status": question.status,
            "rejection_reason": "",
            "moderator_note": "",
            "name": "",
            "organisation": "",
            "answered_in_chapter": str(chapter_pk),
        },
    )


def test_moderator_links_a_question_to_its_sessions_chapter(admin_client):
    session = SessionPageFactory(recording_url=VIDEO)
    chapter = SessionChapter.objects.create(
        page=session, start=dt.timedelta(minutes=31), title="Questions"
    )
    question = question_on(session)

    response = edit(admin_client, question, chapter.pk)

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.answered_in_chapter == chapter


def test_another_sessions_chapter_is_refused(admin_client):
    session = SessionPageFactory(recording_url=VIDEO)
    other = SessionPageFactory(parent=session.event)
    chapter = SessionChapter.objects.create(page=other, start=dt.timedelta(0), title="Intro")
    question = question_on(session)

    response = edit(admin_client, question, chapter.pk)

    assert response.status_code == 200
    question.refresh_from_db()
    assert question.answered_in_chapter is None


def test_chapter_url_opens_the_recording_at_that_moment():
    session = SessionPageFactory(recording_url=VIDEO)
    chapter = SessionChapter.objects.create(
        page=session, start=dt.timedelta(minutes=31), title="Questions"
    )
    question = question_on(session)
    question.answered_in_chapter = chapter
    question.save()
    template = Template(
        "{% load recap_recording_tags %}{{ question.answered_in_chapter|chapter_url }}"
    )

    url = template.render(Context({"question": question}))

    assert url == "https://www.youtube.com/watch?v=abcdefghijk&amp;t=1860s"


def test_chapter_url_without_a_recording_url_is_the_chapter_on_the_session_page():
    session = SessionPageFactory()
    chapter = SessionChapter.objects.create(page=session, start=dt.timedelta(0), title="Intro")

    url = Template("{% load recap_recording_tags %}{{ chapter|chapter_url }}").render(
        Context({"chapter": chapter})
    )

    assert url == f"{session.url}#chapter-{chapter.pk}"


def test_deleting_a_chapter_keeps_the_question():
    session = SessionPageFactory(recording_url=VIDEO)
    chapter = SessionChapter.objects.create(page=session, start=dt.timedelta(0), title="Intro")
    question = question_on(session)
    question.answered_in_chapter = chapter
    question.save()

    chapter.delete()

    question.refresh_from_db()
    assert question.answered_in_chapter is None
