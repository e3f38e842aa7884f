"""Factories for delegate questions (used by tests/questions and the browser journey)."""

import uuid

import factory

from recap.questions.models import (
    DelegateQuestion,
    QuestionSource,
    QuestionStatus,
    SessionQuestionSettings,
)
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


def page_browser():
    """The hidden field a session page's forms carry for a browser with no
    cookie yet (its id, issued by the page view), for tests that vote
    without rendering the page first."""
    from recap.questions.identity import FORM_FIELD, new_form_token

    return {FORM_FIELD: new_form_token()}


def recognised(client):
    """`client` with a browser id cookie, as a page view and a first post
    leave it; returns the client. Signed as Django signs a response's cookie
    (the format changed in Django 6.1), through the public API."""
    import secrets

    from django.http import HttpResponse

    from recap.questions.identity import COOKIE_NAME, COOKIE_SALT

    response = HttpResponse()
    response.set_signed_cookie(COOKIE_NAME, secrets.token_urlsafe(24), salt=COOKIE_SALT)
    client.cookies[COOKIE_NAME] = response.cookies[COOKIE_NAME].value
    return client


def question_settings(session, **values):
    """Set the session's question settings on the page in memory (its child
    row, created if missing), as the editor's "Questions" tab does: the next
    ``save_revision().publish()`` stores them."""
    current = next(iter(session.recap_question_settings.all()), None)
    current = current or SessionQuestionSettings()
    for name, value in values.items():
        setattr(current, name, value)
    session.recap_question_settings = [current]
    return current
