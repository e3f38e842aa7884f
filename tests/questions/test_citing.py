"""Only public questions can be cited by a write-up, whoever saves it."""

import json

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.signals import page_published
from wagtail.test.utils.form_data import (
    nested_form_data,
    querydict_from_html,
    rich_text,
    streamfield,
)

from recap.questions.models import QuestionStatus
from recap.writeups.models import WriteUpPage
from tests.factories import WriteUpPageFactory
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher(django_user_model):
    """May edit and publish every page, but not moderate questions."""
    user = django_user_model.objects.create_user("publisher", password="pw-publisher-1")
    group = Group.objects.create(name="Publishers")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission_type in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.objects.get(depth=1),
            permission=Permission.objects.get(codename=permission_type),
        )
    user.groups.add(group)
    return user


def publish_citing(client, writeup, question):
    """Post the write-up's edit form with a Q&A block citing `question`, publishing."""
    url = reverse("wagtailadmin_pages:edit", args=[writeup.pk])
    data = querydict_from_html(client.get(url).content.decode(), form_id="page-edit-form")
    for key in [key for key in data if key.startswith("body-")]:
        del data[key]
    data.update(
        nested_form_data(
            {
                "body": streamfield(
                    [
                        (
                            "question",
                            {"question": str(question.pk), "answer": rich_text("<p>Ours.</p>")},
                        )
                    ]
                ),
                "action-publish": "action-publish",
            }
        )
    )
    return client.post(url, data)


@pytest.mark.parametrize("status", [QuestionStatus.PENDING, QuestionStatus.REJECTED])
def test_publisher_cannot_cite_a_question_that_is_not_public(client, publisher, status):
    writeup = WriteUpPageFactory(title="Answers")
    question = DelegateQuestionFactory(status=status, text="A private question", name="Ada")
    client.force_login(publisher)

    response = publish_citing(client, writeup, question)

    question.refresh_from_db()
    assert response.status_code == 200
    assert f"Question #{question.pk} cannot be cited" in response.content.decode()
    assert question.status == status and question.answered_in_id is None
    assert "A private question" not in client.get(writeup.url).content.decode()


def test_publisher_can_cite_an_approved_question(client, publisher):
    writeup = WriteUpPageFactory(title="Answers")
    question = DelegateQuestionFactory(text="A public question", name="Ada")
    client.force_login(publisher)

    response = publish_citing(client, writeup, question)

    question.refresh_from_db()
    assert response.status_code == 302
    assert question.status == QuestionStatus.ANSWERED and question.answered_in_id == writeup.pk


def test_superuser_cannot_cite_a_pending_question_either(admin_client):
    writeup = WriteUpPageFactory(title="Answers")
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING)

    response = publish_citing(admin_client, writeup, question)

    question.refresh_from_db()
    assert f"Question #{question.pk} cannot be cited" in response.content.decode()
    assert question.status == QuestionStatus.PENDING


def body_citing(question):
    return json.dumps(
        [{"type": "question", "value": {"question": question.pk, "answer": "<p>Ours.</p>"}}]
    )


@pytest.mark.parametrize(
    "status", [QuestionStatus.PENDING, QuestionStatus.REJECTED, QuestionStatus.ARCHIVED]
)
def test_writeup_citing_a_question_that_is_not_public_fails_validation(status):
    question = DelegateQuestionFactory(status=status)
    writeup = WriteUpPageFactory()
    writeup.body = body_citing(question)

    with pytest.raises(ValidationError) as error:
        writeup.save_revision()

    assert f"Question #{question.pk} cannot be cited" in str(error.value)


def test_writeup_citing_an_answered_question_is_valid():
    question = DelegateQuestionFactory(status=QuestionStatus.ANSWERED)
    writeup = WriteUpPageFactory()
    writeup.body = body_citing(question)

    writeup.full_clean()


def test_publishing_an_old_revision_citing_a_since_rejected_question_fails():
    question = DelegateQuestionFactory()
    writeup = WriteUpPageFactory()
    writeup.body = body_citing(question)
    revision = writeup.save_revision()
    question.status = QuestionStatus.REJECTED
    question.save()

    with pytest.raises(ValidationError):
        revision.publish()

    question.refresh_from_db()
    assert question.status == QuestionStatus.REJECTED and question.answered_in_id is None


def test_writeup_saved_without_validation_neither_answers_nor_shows_a_rejected_question(client):
    question = DelegateQuestionFactory(
        status=QuestionStatus.REJECTED, text="Rejected after citing", name="Ada Private"
    )
    writeup = WriteUpPageFactory()
    writeup.body = body_citing(question)
    writeup.save(clean=False)

    page_published.send(sender=WriteUpPage, instance=writeup, revision=None)

    question.refresh_from_db()
    assert question.status == QuestionStatus.REJECTED and question.answered_in_id is None
    html = client.get(writeup.url).content.decode()
    assert "Rejected after citing" not in html and "Ada Private" not in html
