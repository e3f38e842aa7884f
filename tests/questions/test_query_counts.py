"""The question tags cost the same number of queries for 5 and 100 questions."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory

from recap.questions.identity import COOKIE_NAME, COOKIE_SALT, browser_key
from recap.questions.models import QuestionStatus
from recap.questions.submission import cast_vote
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

BROWSER_ID = "a-browser-id-for-tests-0001"


def render_session_questions(session):
    """Render the tag as a browser that has its signed cookie."""
    request = RequestFactory().get(session.url)
    carrier = HttpResponse()
    carrier.set_signed_cookie(COOKIE_NAME, BROWSER_ID, salt=COOKIE_SALT)
    request.COOKIES[COOKIE_NAME] = carrier.cookies[COOKIE_NAME].value
    request.session = {}
    request._messages = FallbackStorage(request)
    template = Template("{% load recap_questions_tags %}{% session_questions page %}")
    return template.render(Context({"request": request, "page": session}))


@pytest.mark.parametrize("count", [5, 25])
def test_session_questions_tag_queries_do_not_grow(django_assert_max_num_queries, session, count):
    questions = DelegateQuestionFactory.create_batch(count, session=session)
    DelegateQuestionFactory.create_batch(3, session=session, status=QuestionStatus.PENDING)
    for question in questions[::2]:
        cast_vote(question, browser_key(BROWSER_ID))

    # The list, this browser's votes, and Wagtail's site lookup (once per request).
    with django_assert_max_num_queries(3):
        html = render_session_questions(session)

    assert html.count('id="question-') == count
    assert html.count(">Voted</button>") == len(questions[::2])
