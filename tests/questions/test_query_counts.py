"""The question tags and present mode cost the same number of queries for 5
and 25 questions, and show a bounded page of them."""

import pytest
from django.contrib.messages.storage.fallback import FallbackStorage
from django.core.cache import cache
from django.http import HttpResponse
from django.template import Context, Template
from django.test import RequestFactory
from wagtail.models import Site

from recap.questions.identity import COOKIE_NAME, COOKIE_SALT, browser_key
from recap.questions.models import QuestionStatus
from recap.questions.present import HISTORY_LENGTH, TOP_QUESTIONS
from recap.questions.shortcodes import session_code
from recap.questions.submission import cast_vote
from recap.questions.templatetags.recap_questions_tags import PAGE_SIZE
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
    DelegateQuestionFactory.create_batch(
        3, session=session, status=QuestionStatus.PENDING, asker_key=browser_key(BROWSER_ID)
    )
    for question in questions:
        cast_vote(question, browser_key(BROWSER_ID))

    # Wagtail keeps its site root paths cached (an hour); with i18n, working
    # them out takes one query more (the root page's translations).
    Site.get_site_root_paths()

    # The page of questions, this browser's pending ones, its votes, and
    # Wagtail's site lookup (once per request); + 1: the session's question
    # settings, kept per content version (outside a request, as here, the
    # version itself is read from the database; a page's request has it).
    with django_assert_max_num_queries(5):
        html = render_session_questions(session)

    shown = min(count, PAGE_SIZE)
    assert html.count('id="question-') == shown + 3
    assert html.count(">Voted</button>") == shown


def present_data_url(session):
    return f"/q/{session_code(session)}/present.json"


@pytest.mark.parametrize("count", [5, 25])
def test_present_json_queries_do_not_grow_and_send_only_the_screen(
    django_assert_max_num_queries, client, session, count
):
    DelegateQuestionFactory.create_batch(count, session=session)
    DelegateQuestionFactory.create_batch(count, session=session, status=QuestionStatus.ANSWERED)

    # The version, the session, the content version (recap.core.versioning),
    # then highlighted, top and answered questions.
    with django_assert_max_num_queries(7):
        data = client.get(present_data_url(session)).json()

    assert len(data["top"]) == min(count, TOP_QUESTIONS)
    assert len(data["answered"]) == min(count, HISTORY_LENGTH)


@pytest.mark.parametrize("count", [5, 25])
def test_present_json_304_needs_one_query_cold_or_warm(
    django_assert_num_queries, client, session, count
):
    DelegateQuestionFactory.create_batch(count, session=session)
    etag = client.get(present_data_url(session))["ETag"]
    cache.clear()

    # The version, from the database whatever the cache holds (present.py).
    with django_assert_num_queries(1):
        cold = client.get(present_data_url(session), HTTP_IF_NONE_MATCH=etag)
    with django_assert_num_queries(1):
        warm = client.get(present_data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert cold.status_code == warm.status_code == 304
    assert warm["ETag"] == etag
