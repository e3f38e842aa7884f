"""The question chooser used by the write-up's question-and-answer block."""

import pytest

from recap.questions.models import QuestionStatus
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/recap_question_chooser/"


def test_chooser_offers_pending_questions_to_moderators(client, moderator):
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending question to choose")
    client.force_login(moderator)

    response = client.get(CHOOSER)

    assert "Pending question to choose" in response.content.decode()


def test_chooser_hides_pending_questions_from_other_editors(client, editor):
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending question to choose")
    DelegateQuestionFactory(text="Approved question to choose")
    client.force_login(editor)

    html = client.get(CHOOSER).content.decode()

    assert "Approved question to choose" in html
    assert "Pending question to choose" not in html
