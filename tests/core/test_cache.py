"""The site stays up when Redis does not (recap.core.cache.FailSafeRedisCache)."""

import logging

import pytest
from django.core.cache import caches

from recap.core.cache import FailSafeRedisCache
from recap.questions.models import DelegateQuestion, QuestionVote
from tests.factories import EventPageFactory, SessionPageFactory, SpeakerFactory, add_speaker
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory
from tests.redis_server import free_port


def dead_cache(**options):
    """A fail-safe cache pointed at a port where nothing listens."""
    return FailSafeRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"KEY_PREFIX": "t", "OPTIONS": options}
    )


def test_failsafe_cache_without_redis_answers_as_an_empty_cache(caplog):
    cache = dead_cache()

    with caplog.at_level(logging.WARNING, logger="recap.cache"):
        cache.set("key", "value")
        got = cache.get("key", "default")
        added = cache.add("key", "value")
        many = cache.get_many(["a", "b"])
        for _ in range(20):
            cache.get("key")

    assert got == "default"
    assert added is False
    assert many == {}
    with pytest.raises(ValueError):
        cache.incr("key")
    # One warning for the outage, not one per call.
    warnings = [r for r in caplog.records if "Redis is unreachable" in r.getMessage()]
    assert len(warnings) == 1


def test_failsafe_cache_with_local_fallback_counts_in_memory_without_redis():
    cache = dead_cache(LOCAL_FALLBACK=True)

    assert cache.add("counter", 1, 60) is True
    assert cache.incr("counter") == 2
    assert cache.get("counter") == 2


def test_failsafe_cache_does_not_wait_on_a_dead_redis_for_every_call():
    cache = dead_cache()
    cache.get("key")  # notices the outage

    # The next calls skip Redis for RETRY_INTERVAL: no connection is tried.
    assert cache.is_unreachable()


def site_with_questions():
    event = EventPageFactory(title="Comms Day")
    session = SessionPageFactory(parent=event, title="Social media and internal comms")
    add_speaker(session, SpeakerFactory(name="Ada Okafor", slug="ada-okafor"))
    question = DelegateQuestionFactory(session=session, text="A question to vote for")
    return event, session, question


def visit(client, event, session, question, number):
    """Pages, feeds, the API, present mode, asking and voting: their status codes."""
    urls = [
        event.url,
        session.url,
        f"/feeds/events/{event.pk}/atom/",
        "/feeds/speakers/ada-okafor/rss/",
        "/api/v2/pages/",
        f"{ask_url(session)}present.json",
        "/search/?q=social",
    ]
    codes = [client.get(url).status_code for url in urls]
    codes.append(
        client.post(ask_url(session), ask_data(text=f"Asked with Redis state {number}")).status_code
    )
    codes.append(client.post(f"/q/vote/{question.pk}/").status_code)
    return codes


@pytest.mark.django_db
def test_site_answers_stores_and_logs_when_its_redis_stops(
    settings, redis_server, caplog, django_user_model
):
    from django.test import Client

    cache = {
        "BACKEND": "recap.core.cache.FailSafeRedisCache",
        "LOCATION": redis_server.url,
        "KEY_PREFIX": "recap",
    }
    settings.CACHES = {
        "default": cache,
        "ratelimit": {**cache, "OPTIONS": {"LOCAL_FALLBACK": True}},
    }
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    event, session, question = site_with_questions()
    expected = [200, 200, 200, 200, 200, 200, 200, 302, 302]

    before = visit(Client(), event, session, question, 1)
    redis_server.stop()
    with caplog.at_level(logging.WARNING, logger="recap.cache"):
        after = visit(Client(), event, session, question, 2)

    assert before == expected
    assert after == expected
    assert set(DelegateQuestion.objects.values_list("text", flat=True)) >= {
        "Asked with Redis state 1",
        "Asked with Redis state 2",
    }
    assert QuestionVote.objects.filter(question=question).count() == 2
    assert any("Redis is unreachable" in r.getMessage() for r in caplog.records)
    for alias in caches:
        caches[alias].clear()  # the local fallback's counters


def test_failsafe_cache_reuses_one_redis_client_per_connection_pool(redis_server):
    # Django makes a redis client per operation, which costs as much as the operation.
    cache = FailSafeRedisCache(redis_server.url, {"KEY_PREFIX": "t", "OPTIONS": {}})
    cache.set("key", "value")
    first = cache._cache.get_client(write=True)

    assert cache.get("key") == "value"
    assert cache._cache.get_client(write=True) is first
    assert cache._cache.get_client() is first
