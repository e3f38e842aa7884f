"""Moderators see whether an asker left an email address, never the
address: only the answer email uses it (issue 18)."""

import pytest
from django.contrib.auth.models import Group

from recap.questions.models import DelegateQuestion, QuestionStatus
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/recap_questions/delegatequestion/"
ADDRESS = "ada.private@example.org"


@pytest.fixture
def member(django_user_model):
    """A user in one of the site's default groups (never a superuser)."""

    def make(group_name):
        user = django_user_model.objects.create_user(
            group_name.replace(" ", "-").lower(), password="pw-member-1"
        )
        user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def question(session):
    return DelegateQuestionFactory(
        session=session,
        status=QuestionStatus.PENDING,
        name="Ada Example",
        email=ADDRESS,
        email_consent=True,
    )


@pytest.mark.parametrize("group_name", ["Moderators", "Question moderators"])
def test_moderator_editing_a_question_sees_that_an_email_was_given_not_the_address(
    client, member, question, group_name
):
    client.force_login(member(group_name))

    response = client.get(f"{QUEUE}edit/{question.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Ada Example" in html
    assert ADDRESS not in html
    assert "ada.private" not in html
    assert "An email address was given, with consent to send the answer" in html


def test_moderator_sees_when_no_email_was_given(client, member, session):
    question = DelegateQuestionFactory(session=session, email="", email_consent=False)
    client.force_login(member("Moderators"))

    html = client.get(f"{QUEUE}edit/{question.pk}/").content.decode()

    assert "No email address was given." in html


@pytest.mark.parametrize("group_name", ["Moderators", "Editors"])
def test_queue_never_shows_the_address(client, member, question, group_name):
    client.force_login(member(group_name))

    html = client.get(QUEUE).content.decode()

    assert ADDRESS not in html


def test_editor_never_sees_the_address_on_the_edit_screen(client, member, question):
    client.force_login(member("Editors"))

    response = client.get(f"{QUEUE}edit/{question.pk}/", follow=True)

    assert ADDRESS not in response.content.decode()


def test_moderator_saving_the_edit_form_keeps_the_address_for_the_answer(client, member, question):
    client.force_login(member("Moderators"))

    response = client.post(
        f"{QUEUE}edit/{question.pk}/",
        {
            "text": question.text,
            "status": "approved",
            "rejection_reason": "",
            "moderator_note": "",
            "name": "Ada Example",
            "organisation": "",
            "email": "someone.else@example.org",  # not on the form: ignored
        },
    )

    stored = DelegateQuestion.objects.get(pk=question.pk)
    assert response.status_code == 302
    assert stored.status == QuestionStatus.APPROVED
    assert stored.email == ADDRESS
    assert stored.email_consent is True
