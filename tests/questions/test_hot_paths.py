"""What a plenary's Q&A costs the server per request: asking and voting in a
few queries whatever the session holds, and present mode's poll answered
from the cache, with no query, while nothing changed (issue 12)."""

import pytest
from django.core.cache import cache
from wagtail.models import PageViewRestriction

from recap.questions.models import DelegateQuestion, QuestionStatus, QuestionVote
from recap.questions.shortcodes import session_code
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory, question_settings, recognised

pytestmark = pytest.mark.django_db

JSON = {"HTTP_ACCEPT": "application/json"}


def data_url(session):
    return f"/q/{session_code(session)}/present.json"


# Tasks run at once, as on a site without a task worker: a pending question
# must cost no search-index work inside the delegate's request.
@pytest.mark.search_index
@pytest.mark.parametrize("count", [5, 25])
def test_ask_stores_once_in_the_same_few_queries_however_many_questions(
    django_assert_max_num_queries, client, session, count
):
    DelegateQuestionFactory.create_batch(count, session=session)
    client.post(ask_url(session), ask_data(text="A first question warms the cache"), **JSON)

    # The session (with its event's id), the content version
    # (recap.core.versioning), the token, the insert (in a savepoint), and
    # present mode's counter for the session (recap.questions.present).
    with django_assert_max_num_queries(7):
        response = client.post(ask_url(session), ask_data(), **JSON)

    assert response.json()["ok"] is True
    stored = DelegateQuestion.objects.get(text="What is the role of IC pros in social media?")
    assert stored.session_id == session.pk
    assert stored.event_id == session.get_parent().pk


@pytest.mark.parametrize("count", [5, 25])
def test_vote_counts_once_in_the_same_few_queries_however_many_votes(
    django_assert_max_num_queries, client, session, count
):
    question = DelegateQuestionFactory(session=session, votes=0)
    for number in range(count):
        QuestionVote.objects.create(question=question, voter_key=f"earlier-{number}")
    DelegateQuestion.objects.filter(pk=question.pk).update(votes=count)

    # The question, the vote and its counter (in a savepoint), present mode's
    # counter for the session (recap.questions.present), the count.
    with django_assert_max_num_queries(7):
        response = recognised(client).post(f"/q/vote/{question.pk}/", **JSON)

    assert response.json() == {
        "ok": True,
        "counted": True,
        "voted": True,
        "votes": count + 1,
        "votes_word": "votes",
        "message": response.json()["message"],
    }
    assert QuestionVote.objects.filter(question=question).count() == count + 1


def test_vote_without_javascript_goes_back_to_the_question(client, session):
    question = DelegateQuestionFactory(session=session)

    response = recognised(client).post(f"/q/vote/{question.pk}/")

    assert response.status_code == 302
    assert response["Location"] == f"{session.url}#question-{question.pk}"


def test_ask_on_a_session_in_a_private_section_is_404(client, session):
    event = session.get_parent()
    PageViewRestriction.objects.create(page=event, restriction_type="login")

    response = client.post(ask_url(session), ask_data())

    assert response.status_code == 404
    assert not DelegateQuestion.objects.filter(session=session).exists()


def test_ask_works_again_once_the_section_is_public(client, session):
    event = session.get_parent()
    restriction = PageViewRestriction.objects.create(page=event, restriction_type="login")
    assert client.post(ask_url(session), ask_data()).status_code == 404

    restriction.delete()
    response = client.post(ask_url(session), ask_data(), **JSON)

    assert response.status_code == 200


def test_poll_with_the_current_etag_is_a_304_with_one_query(
    django_assert_num_queries, client, session
):
    DelegateQuestionFactory(session=session)
    etag = client.get(data_url(session))["ETag"]

    # The session's question version, read from the database (present.py).
    with django_assert_num_queries(1):
        response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag


def test_poll_with_a_weak_form_of_the_etag_is_a_304(client, session):
    etag = client.get(data_url(session))["ETag"]

    response = client.get(data_url(session), HTTP_IF_NONE_MATCH=f"W/{etag}")

    assert response.status_code == 304


def test_poll_sees_a_question_shown_at_once(client, session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()
    etag = client.get(data_url(session))["ETag"]

    client.post(ask_url(session), ask_data(text="Shown at once on the screen?"), **JSON)
    response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response["ETag"] != etag
    assert [q["text"] for q in response.json()["top"]] == ["Shown at once on the screen?"]


def test_poll_sees_a_vote_from_another_browser(client, session):
    from django.test import Client

    question = DelegateQuestionFactory(session=session)
    etag = client.get(data_url(session))["ETag"]

    recognised(Client()).post(f"/q/vote/{question.pk}/", **JSON)
    response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response.json()["top"][0]["votes"] == 1


def test_poll_sees_a_rejection(client, session):
    from recap.questions.moderation import moderate

    question = DelegateQuestionFactory(session=session, text="Soon to be rejected here")
    etag = client.get(data_url(session))["ETag"]

    moderate(DelegateQuestion.objects.filter(pk=question.pk), "reject")
    response = client.get(data_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert response.json()["top"] == []


@pytest.fixture
def redis_down(settings):
    """The site's caches pointed at a Redis that is not there."""
    settings.CACHES = {
        alias: {
            "BACKEND": "recap.core.cache.FailSafeRedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"LOCAL_FALLBACK": True} if alias == "ratelimit" else {},
        }
        for alias in ("default", "ratelimit")
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    yield
    cache.clear()


def test_poll_with_redis_down_answers_from_the_database(
    redis_down, django_assert_max_num_queries, client, session
):
    question = DelegateQuestionFactory(session=session, text="Asked while Redis is down")
    first = client.get(data_url(session))

    # No cached version: one query works it out, and the answer is still a 304.
    with django_assert_max_num_queries(1):
        again = client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"])
    recognised(client).post(f"/q/vote/{question.pk}/", **JSON)
    after_vote = client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert again.status_code == 304
    assert after_vote.status_code == 200
    assert after_vote.json()["top"][0]["votes"] == 1


def test_ask_and_vote_with_redis_down_are_stored(redis_down, client, session):
    question = DelegateQuestionFactory(session=session, status=QuestionStatus.APPROVED)

    asked = client.post(ask_url(session), ask_data(), **JSON)
    voted = recognised(client).post(f"/q/vote/{question.pk}/", **JSON)

    assert asked.status_code == voted.status_code == 200
    assert DelegateQuestion.objects.filter(session=session).count() == 2
    assert QuestionVote.objects.filter(question=question).count() == 1
