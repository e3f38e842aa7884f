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


@pytest.mark.parametrize("status", [QuestionStatus.PENDING, QuestionStatus.REJECTED])
def test_chosen_endpoint_hides_a_question_that_is_not_public_from_other_editors(
    client, editor, status
):
    question = DelegateQuestionFactory(status=status, text="Secret pending question")
    client.force_login(editor)

    response = client.get(f"{CHOOSER}chosen/{question.pk}/")

    assert response.status_code == 404
    assert "Secret pending question" not in response.content.decode()


def test_chosen_endpoint_answers_moderators_for_pending_questions(client, moderator):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending to choose")
    client.force_login(moderator)

    response = client.get(f"{CHOOSER}chosen/{question.pk}/")

    assert response.status_code == 200
    assert "Pending to choose" in response.content.decode()


def test_chosen_endpoint_answers_other_editors_for_approved_questions(client, editor):
    question = DelegateQuestionFactory(text="Approved to choose")
    client.force_login(editor)

    response = client.get(f"{CHOOSER}chosen/{question.pk}/")

    assert response.status_code == 200
    assert "Approved to choose" in response.content.decode()


def test_chosen_endpoint_with_a_malformed_id_is_not_found(client, editor):
    client.force_login(editor)

    assert client.get(f"{CHOOSER}chosen/abc/").status_code == 404


def test_chosen_multiple_leaves_out_questions_that_are_not_public_for_other_editors(client, editor):
    pending = DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Secret pending one")
    approved = DelegateQuestionFactory(text="Approved public one")
    client.force_login(editor)

    response = client.get(f"{CHOOSER}chosen-multiple/", {"id": [pending.pk, approved.pk, "x"]})

    html = response.content.decode()
    assert response.status_code == 200
    assert "Approved public one" in html
    assert "Secret pending one" not in html


def test_chosen_multiple_includes_pending_questions_for_moderators(client, moderator):
    pending = DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending one for mods")
    client.force_login(moderator)

    response = client.get(f"{CHOOSER}chosen-multiple/", {"id": [pending.pk]})

    assert "Pending one for mods" in response.content.decode()


def history_url(question):
    return f"/admin/recap_questions/delegatequestion/history/{question.pk}/"


def test_history_of_a_pending_question_is_not_found_for_other_editors(client, editor):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Secret history one")
    client.force_login(editor)

    response = client.get(history_url(question))

    assert response.status_code == 404
    assert "Secret history one" not in response.content.decode()


def test_history_of_a_pending_question_is_shown_to_moderators(client, moderator):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending history one")
    client.force_login(moderator)

    response = client.get(history_url(question))

    assert response.status_code == 200
    assert "Pending history one" in response.content.decode()


def test_history_of_an_approved_question_is_shown_to_other_editors(client, editor):
    question = DelegateQuestionFactory(text="Approved history one")
    client.force_login(editor)

    assert client.get(history_url(question)).status_code == 200


def test_history_with_a_malformed_id_is_not_found(client, moderator):
    client.force_login(moderator)

    response = client.get("/admin/recap_questions/delegatequestion/history/abc/")

    assert response.status_code == 404
