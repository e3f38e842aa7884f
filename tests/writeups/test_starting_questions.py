"""Start a write-up from an event: its delegate questions, to answer."""

import datetime as dt

import pytest
from django.urls import reverse

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

    response = editor_client.post(reverse("recap_writeups_start", args=[event.pk]), follow=True)

    draft = WriteUpPage.objects.get()
    blocks = [block.value for block in draft.body if block.block_type == "question"]
    assert [value["question"] for value in blocks] == [popular, asked, answered, later_popular]
    assert all(not str(value["answer"]) for value in blocks)
    assert response.status_code == 200
    assert popular.text in response.content.decode()
