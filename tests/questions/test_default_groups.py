"""The default permission groups of questions (data migration): Wagtail's
Editors and Moderators, and "Question moderators" for volunteers."""

import pytest
from django.contrib.auth.models import Group

from recap.questions.models import DelegateQuestion, QuestionStatus
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/recap_questions/delegatequestion/"


@pytest.fixture
def member(django_user_model):
    def make(group_name):
        user = django_user_model.objects.create_user(
            group_name.replace(" ", "-").lower(), password="pw-member-1"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


def test_editor_sees_public_questions_but_not_pending_ones(client, member):
    DelegateQuestionFactory(text="An approved question for the editor")
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="A pending question kept back")
    client.force_login(member("Editors"))

    response = client.get(QUEUE)

    assert response.status_code == 200
    html = response.content.decode()
    assert "An approved question for the editor" in html
    assert "A pending question kept back" not in html


def test_editor_captures_a_question_that_waits_for_a_moderator(client, member, session):
    client.force_login(member("Editors"))

    chooser = client.get("/admin/recap-questions/capture/")
    saved = client.post(
        f"/admin/recap-questions/capture/{session.pk}/", {"text": "What is the role of IC?"}
    )

    assert chooser.status_code == 200
    assert saved.status_code == 302
    assert DelegateQuestion.objects.get().status == QuestionStatus.PENDING


@pytest.mark.parametrize("group_name", ["Moderators", "Question moderators"])
def test_moderator_groups_moderate_the_queue(client, member, group_name):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending for moderators")
    client.force_login(member(group_name))

    queue = client.get(QUEUE).content.decode()
    client.post("/admin/recap-questions/moderate/", {"single": f"approve:{question.pk}"})

    assert "Pending for moderators" in queue
    question.refresh_from_db()
    assert question.status == QuestionStatus.APPROVED


def test_question_moderator_captures_approved_questions(client, member, session):
    client.force_login(member("Question moderators"))

    client.post(
        f"/admin/recap-questions/capture/{session.pk}/",
        {"text": "What is the role of IC?", "approve": "on"},  # ticked by default
    )

    assert DelegateQuestion.objects.get().status == QuestionStatus.APPROVED


def test_question_moderator_cannot_edit_pages(client, member, session):
    client.force_login(member("Question moderators"))

    dashboard = client.get("/admin/")
    edit = client.get(f"/admin/pages/{session.pk}/edit/")

    assert dashboard.status_code == 200
    assert edit.status_code in (302, 403)
    assert session.title not in edit.content.decode()
