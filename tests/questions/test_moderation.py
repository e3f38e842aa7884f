"""The moderation queue: actions, bulk actions, editing, permissions."""

import pytest

from recap.questions.models import DelegateQuestion, QuestionStatus
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/recap_questions/delegatequestion/"
MODERATE = "/admin/recap-questions/moderate/"


def test_queue_lists_pending_questions_with_names_for_a_moderator(client, moderator):
    DelegateQuestionFactory(
        status=QuestionStatus.PENDING, text="A pending question here", name="Ada Example"
    )
    client.force_login(moderator)

    html = client.get(INDEX).content.decode()

    assert "A pending question here" in html
    assert "Ada Example" in html


def test_queue_hides_pending_questions_and_names_without_permission(client, editor):
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="A pending question here")
    DelegateQuestionFactory(text="An approved question here", name="Ada Example")
    client.force_login(editor)

    response = client.get(INDEX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "An approved question here" in html
    assert "A pending question here" not in html
    assert "Ada Example" not in html


def test_queue_edit_of_a_question_is_refused_without_permission(client, editor):
    question = DelegateQuestionFactory(email="ada@example.org", email_consent=True)
    client.force_login(editor)

    response = client.get(f"{INDEX}edit/{question.pk}/")

    assert response.status_code in (302, 403)
    assert b"ada@example.org" not in response.content


def test_moderate_action_refused_without_permission(client, editor):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(editor)

    response = client.post(MODERATE, {"single": f"approve:{question.pk}"})

    # Wagtail's admin turns PermissionDenied into a redirect to the dashboard.
    assert (response.status_code, response.get("Location")) in ((403, None), (302, "/admin/"))
    question.refresh_from_db()
    assert question.status == QuestionStatus.PENDING


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("approve", QuestionStatus.APPROVED),
        ("reject", QuestionStatus.REJECTED),
        ("answer", QuestionStatus.ANSWERED),
        ("archive", QuestionStatus.ARCHIVED),
    ],
)
def test_moderate_one_click_sets_status(client, moderator, action, status):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    response = client.post(MODERATE, {"single": f"{action}:{question.pk}", "next": INDEX})

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == status


def test_moderate_reject_keeps_the_reason(client, moderator):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    client.post(MODERATE, {"single": f"reject:{question.pk}", "reason": "Off topic"})

    question.refresh_from_db()
    assert question.rejection_reason == "Off topic"


def test_moderate_highlight_keeps_one_highlighted_per_session(client, moderator):
    first = DelegateQuestionFactory(highlighted=True)
    second = DelegateQuestionFactory(session=first.session, status=QuestionStatus.PENDING)
    client.force_login(moderator)

    client.post(MODERATE, {"single": f"highlight:{second.pk}"})

    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.highlighted, second.highlighted) == (False, True)
    assert second.status == QuestionStatus.APPROVED


def test_moderate_bulk_approves_the_ticked_questions(client, moderator):
    ticked = DelegateQuestionFactory.create_batch(3, status=QuestionStatus.PENDING)
    left = DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    response = client.post(
        MODERATE, {"action": "approve", "ids": [q.pk for q in ticked], "bulk": "1"}, follow=True
    )

    assert "Approved 3 questions." in response.content.decode()
    assert set(
        DelegateQuestion.objects.filter(status=QuestionStatus.APPROVED).values_list("pk", flat=True)
    ) == {q.pk for q in ticked}
    left.refresh_from_db()
    assert left.status == QuestionStatus.PENDING


def test_moderate_bulk_without_ticks_says_so(client, moderator):
    client.force_login(moderator)

    response = client.post(MODERATE, {"action": "approve"}, follow=True)

    assert "Tick at least one question first." in response.content.decode()


def test_queue_shows_one_click_buttons_and_bulk_form_to_moderators(client, moderator):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    html = client.get(INDEX).content.decode()

    assert f'value="approve:{question.pk}"' in html
    assert 'id="recap-moderation-form"' in html


def test_queue_filters_by_status_and_searches(client, moderator):
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending about budgets")
    DelegateQuestionFactory(text="Approved about budgets")
    DelegateQuestionFactory(text="Approved about training")
    client.force_login(moderator)

    html = client.get(INDEX, {"status__exact": "approved", "q": "budgets"}).content.decode()

    assert "Approved about budgets" in html
    assert "Pending about budgets" not in html
    assert "Approved about training" not in html


def test_edit_text_keeps_the_original(client, moderator):
    question = DelegateQuestionFactory(text="What is teh role of IC?")
    client.force_login(moderator)

    response = client.post(
        f"{INDEX}edit/{question.pk}/",
        {
            "text": "What is the role of IC?",
            "status": "approved",
            "rejection_reason": "",
            "moderator_note": "",
            "name": "",
            "organisation": "",
            "email": "",
        },
    )

    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "What is the role of IC?"
    assert question.original_text == "What is teh role of IC?"


def test_moderated_question_appears_on_the_session_page_once_approved(client, moderator):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Shown after approval")
    response_before = client.get(question.session.url)
    page_before = response_before.content.decode()
    assert response_before.status_code == 200 and question.session.title in page_before
    client.force_login(moderator)

    client.post(MODERATE, {"single": f"approve:{question.pk}"})

    client.logout()
    assert "Shown after approval" not in page_before
    assert "Shown after approval" in client.get(question.session.url).content.decode()
