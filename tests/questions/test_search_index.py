"""Only public questions are in the search index (recap/questions/indexing.py):
a delegate's pending question costs no index work and is never searchable;
moderators' actions bring the index up to date."""

import pytest
from django.contrib.contenttypes.models import ContentType
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from recap.questions.models import DelegateQuestion, QuestionStatus
from recap.questions.moderation import mark_answered_in, moderate
from tests.factories import SessionPageFactory, WriteUpPageFactory
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory, question_settings

pytestmark = [pytest.mark.django_db, pytest.mark.search_index]


def found(text):
    return list(get_search_backend().search(text, DelegateQuestion))


def index_entries(question):
    return IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(DelegateQuestion),
        object_id=str(question.pk),
    )


def test_a_delegates_pending_question_is_not_indexed(client, session):
    response = client.post(ask_url(session), ask_data(text="Where is the zebra crossing?"))

    assert response.status_code == 302
    question = DelegateQuestion.objects.get()
    assert question.status == QuestionStatus.PENDING
    assert not index_entries(question).exists()
    assert found("zebra") == []


def test_a_question_shown_at_once_is_searchable_at_once(client):
    session = SessionPageFactory()
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()

    client.post(ask_url(session), ask_data(text="Where is the zebra crossing?"))

    assert found("zebra") == [DelegateQuestion.objects.get()]


def test_approving_indexes_and_rejecting_removes(client, session):
    client.post(ask_url(session), ask_data(text="Where is the zebra crossing?"))
    question = DelegateQuestion.objects.get()

    moderate(DelegateQuestion.objects.filter(pk=question.pk), "approve")
    assert found("zebra") == [question]

    moderate(DelegateQuestion.objects.filter(pk=question.pk), "reject", reason="Off topic")
    assert found("zebra") == []
    assert not index_entries(question).exists()


def test_an_answered_question_stays_searchable():
    question = DelegateQuestionFactory(text="Where is the zebra crossing?")
    mark_answered_in([question.pk], WriteUpPageFactory())

    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED
    assert found("zebra") == [question]


def test_saving_a_public_question_non_public_takes_it_out_and_deleting_too():
    archived = DelegateQuestionFactory(text="Where is the zebra crossing?")
    deleted = DelegateQuestionFactory(text="Where is the giraffe house?")
    assert found("zebra") == [archived] and found("giraffe") == [deleted]

    archived.status = QuestionStatus.ARCHIVED
    archived.save()
    deleted.delete()

    assert found("zebra") == [] and found("giraffe") == []


def test_update_index_indexes_only_public_questions():
    public = DelegateQuestionFactory(status=QuestionStatus.APPROVED)
    DelegateQuestionFactory(status=QuestionStatus.PENDING)
    DelegateQuestionFactory(status=QuestionStatus.REJECTED)

    assert list(DelegateQuestion.get_indexed_objects()) == [public]
