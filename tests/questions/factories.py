"""Factories for delegate questions (used by tests/questions and the browser journey)."""

import uuid

import factory

from recap.questions.models import DelegateQuestion, QuestionSource, QuestionStatus
from tests.factories import SessionPageFactory


class DelegateQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DelegateQuestion

    session = factory.SubFactory(SessionPageFactory)
    event = factory.LazyAttribute(lambda o: o.session.get_parent().specific if o.session else None)
    text = factory.Sequence(lambda n: f"What is the role of communicators in question {n}?")
    source = QuestionSource.ONLINE
    status = QuestionStatus.APPROVED
    submission_token = factory.LazyFunction(uuid.uuid4)
