"""Start a write-up from an event: its delegate questions, to answer."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import querydict_from_html

from recap.questions.models import QuestionStatus
from recap.writeups.models import WriteUpPage
from tests.factories import EventPageFactory, SessionPageFactory, WriteUpIndexPageFactory
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db


def test_started_draft_has_a_block_to_answer_each_public_question(editor_client):
    WriteUpIndexPageFactory()
    event = EventPageFactory()
    first = SessionPageFactory(parent=event)
    second = SessionPageFactory(
        parent=event, start=first.end, end=first.end + dt.timedelta(minutes=45)
    )
    later_popular = DelegateQuestionFactory(session=second, votes=9)
    asked = DelegateQuestionFactory(session=first, votes=1)
    popular = DelegateQuestionFactory(session=first, votes=5)
    answered = DelegateQuestionFactory(session=first, status=QuestionStatus.ANSWERED)
    for status in (QuestionStatus.PENDING, QuestionStatus.REJECTED, QuestionStatus.ARCHIVED):
        DelegateQuestionFactory(session=first, status=status)
    DelegateQuestionFactory(session=SessionPageFactory())  # another event's

    response = editor_client.post(
        reverse("recap_writeups_start", args=[event.pk]),
        {"sessions": [first.pk, second.pk]},
        follow=True,
    )

    draft = WriteUpPage.objects.get()
    blocks = [block.value for block in draft.body if block.block_type == "question"]
    assert [value["question"] for value in blocks] == [popular, asked, answered, later_popular]
    assert all(not str(value["answer"]) for value in blocks)
    assert response.status_code == 200
    assert popular.text in response.content.decode()


def test_started_draft_saves_with_answers_still_empty_and_publishes_once_answered(editor_client):
    WriteUpIndexPageFactory()
    event = EventPageFactory()
    session = SessionPageFactory(parent=event)
    question = DelegateQuestionFactory(session=session)
    editor_client.post(reverse("recap_writeups_start", args=[event.pk]), {"sessions": session.pk})
    draft = WriteUpPage.objects.get()
    url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    data = querydict_from_html(editor_client.get(url).content.decode(), form_id="page-edit-form")
    # The stream is drawn by script: post its one block as the editor would.
    data.update(
        {
            "body-count": "1",
            "body-0-type": "question",
            "body-0-id": draft.body[0].id,
            "body-0-order": "0",
            "body-0-deleted": "",
            "body-0-value-question": str(question.pk),
            # An empty Draftail editor.
            "body-0-value-answer": json.dumps(
                {"blocks": [{"key": "a0", "type": "unstyled", "text": ""}], "entityMap": {}}
            ),
        }
    )

    saved = editor_client.post(url, data)
    data["body-0-value-answer"] = json.dumps(
        {
            "blocks": [{"key": "a1", "type": "unstyled", "text": "Give it a home."}],
            "entityMap": {},
        }
    )
    data["action-publish"] = "action-publish"
    published = editor_client.post(url, data)

    assert saved.status_code == 302
    assert published.status_code == 302
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answered_in_id == draft.pk
