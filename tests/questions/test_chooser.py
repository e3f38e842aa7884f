"""The question chooser used by the write-up's question-and-answer block."""

import pytest

from recap.questions.models import QuestionStatus
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

CHOOSER = "/admin/recap_question_chooser/"


def test_chooser_offers_only_citable_questions_even_to_moderators(client, moderator):
    # A write-up citing a pending question cannot be saved: not offered.
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending question to choose")
    DelegateQuestionFactory(status=QuestionStatus.REJECTED, text="Rejected question to choose")
    DelegateQuestionFactory(status=QuestionStatus.ANSWERED, text="Answered question to choose")
    client.force_login(moderator)

    html = client.get(CHOOSER).content.decode()

    assert "Answered question to choose" in html
    assert "Pending question to choose" not in html
    assert "Rejected question to choose" not in html


def test_chooser_shows_the_whole_text_session_event_and_status(client, moderator):
    long_text = "How do we " + "keep every team informed " * 5 + "at the end of the quarter?"
    question = DelegateQuestionFactory(text=long_text, session__title="Panel on internal comms")
    client.force_login(moderator)

    html = client.get(CHOOSER).content.decode()

    assert long_text in html
    assert "Panel on internal comms" in html
    assert question.event.title in html
    assert "Approved" in html


def test_chooser_lists_the_writeups_events_questions_first(client, moderator):
    from tests.factories import WriteUpPageFactory

    ours = DelegateQuestionFactory(text="A question at the covered event")
    DelegateQuestionFactory(text="A newer question at another event")
    writeup = WriteUpPageFactory(event=ours.event)
    client.force_login(moderator)

    by_param = client.get(CHOOSER, {"writeup": writeup.pk}).content.decode()
    by_referer = client.get(
        CHOOSER, HTTP_REFERER=f"http://testserver/admin/pages/{writeup.pk}/edit/"
    ).content.decode()
    plain = client.get(CHOOSER).content.decode()

    for html in (by_param, by_referer):
        assert html.index("A question at the covered event") < html.index(
            "A newer question at another event"
        )
    assert plain.index("A newer question at another event") < plain.index(
        "A question at the covered event"
    )


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
