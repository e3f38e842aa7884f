"""The content version lives in the database (recap.core.versioning): bumped
in the change's own transaction, read once per request, whatever the cache
holds or drops."""

import os
import signal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from recap.core.models import ContentVersion
from recap.core.versioning import (
    bump_content_version,
    cached,
    content_version,
    request_finished_receiver,
    request_started_receiver,
)
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


def version_reads(queries):
    return [q for q in queries if "recap_core_contentversion" in q["sql"]]


def test_a_bump_is_stored_in_the_database_and_seen_outside_a_request():
    before = content_version()

    bump_content_version()

    assert content_version() != before
    assert ContentVersion.objects.get().value == int(before.rsplit("-", 1)[1]) + 1


def test_a_bump_commits_with_its_change_or_not_at_all():
    event = EventPageFactory()
    before = content_version()

    with pytest.raises(RuntimeError), transaction.atomic():
        event.unpublish()
        raise RuntimeError("the change fails")

    assert content_version() == before
    event.refresh_from_db()
    assert event.live


def test_every_change_a_reader_could_see_bumps_the_version():
    event = EventPageFactory()
    before = content_version()

    PageViewRestriction.objects.create(
        page=event, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    after_privacy = content_version()
    event.unpublish()

    assert len({before, after_privacy, content_version()}) == 3


def test_a_missing_row_is_made_again_with_a_new_epoch():
    before = content_version()
    ContentVersion.objects.all().delete()

    after = content_version()
    bump_content_version()

    assert after != before
    assert after.split("-")[0] != before.split("-")[0]
    assert content_version() not in (before, after)
    assert ContentVersion.objects.count() == 1


def test_a_page_reads_the_version_once_per_request(client):
    event = EventPageFactory()
    SessionPageFactory.create_batch(3, parent=event)

    for _ in range(2):  # rendered, then from the cache
        with CaptureQueriesContext(connection) as queries:
            assert client.get(event.url).status_code == 200
        assert len(version_reads(queries)) == 1


def test_within_a_request_the_version_is_kept_and_a_bump_reads_it_again():
    request_started_receiver()
    try:
        with CaptureQueriesContext(connection) as queries:
            first = content_version()
            assert content_version() == first
        assert len(version_reads(queries)) == 1

        bump_content_version()

        assert content_version() != first
    finally:
        request_finished_receiver()


def test_a_request_that_bumped_stores_nothing_it_computes():
    computed = []

    def compute():
        computed.append(1)
        return len(computed)

    request_started_receiver()
    try:
        bump_content_version()
        cached("test-key", compute)
        cached("test-key", compute)
    finally:
        request_finished_receiver()

    assert len(computed) == 2  # not stored under a version not yet committed
    assert cached("test-key", compute) == 3
    assert cached("test-key", compute) == 3


# With Redis: a cache write that is dropped (Redis paused, or this process in
# its back-off after an earlier failure) no longer keeps a page public.


def failsafe_caches(url, name):
    """The reference site's fail-safe caches on `url`; `name` makes the
    location another process's (its own back-off), on the same server."""
    location = f"{url}?client_name={name}"
    return {
        alias: {
            "BACKEND": "recap.core.cache.FailSafeRedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "recap-versioning",
            "OPTIONS": {"LOCAL_FALLBACK": True} if alias == "ratelimit" else {},
        }
        for alias in ("default", "ratelimit")
    }


@pytest.fixture
def paused_redis_change(redis_server, settings):  # noqa: F811 - the fixture
    """Run `change` in a 'shell' whose cache writes are dropped: Redis paused
    (SIGSTOP) during it, or, with `backoff`, Redis healthy but the shell in
    its back-off after a failure a moment before. Readers (the test client)
    use the same Redis as another process, never in a back-off."""
    from django.test import override_settings

    settings.CACHES = failsafe_caches(redis_server.url, "reader")
    writer = failsafe_caches(redis_server.url, "writer")

    def run(change, backoff=False):
        with override_settings(CACHES=writer):
            from django.core.cache import cache

            os.kill(redis_server.pid, signal.SIGSTOP)
            try:
                if backoff:
                    cache.get("anything")  # fails: the writer backs off
                else:
                    change()
            finally:
                os.kill(redis_server.pid, signal.SIGCONT)
            if backoff:
                change()

    return run


def warm(client, *urls):
    for _ in range(2):
        for url in urls:
            assert client.get(url).status_code == 200


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs on PostgreSQL (CI's leg)")
@pytest.mark.parametrize("backoff", [False, True], ids=["paused", "backoff"])
def test_an_event_unpublished_while_cache_writes_drop_is_gone_at_once(
    client, paused_redis_change, backoff
):
    event = EventPageFactory(title="Social media conference")
    SessionPageFactory(parent=event, title="Opening keynote")
    urls = [event.url, f"{event.url}programme.ics", f"{event.url}?day={event.start:%Y-%m-%d}"]
    warm(client, *urls)

    paused_redis_change(event.unpublish, backoff=backoff)

    for url in urls:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"Opening keynote" not in response.content


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="runs on PostgreSQL (CI's leg)")
@pytest.mark.parametrize("backoff", [False, True], ids=["paused", "backoff"])
def test_a_password_added_while_cache_writes_drop_applies_at_once(
    client, paused_redis_change, backoff
):
    event = EventPageFactory(title="Social media conference")
    SessionPageFactory(parent=event, title="Opening keynote")
    urls = [event.url, f"{event.url}?day={event.start:%Y-%m-%d}"]
    warm(client, *urls)

    paused_redis_change(
        lambda: PageViewRestriction.objects.create(
            page=event, restriction_type=PageViewRestriction.PASSWORD, password="secret"
        ),
        backoff=backoff,
    )

    for url in urls:
        response = client.get(url)
        html = response.content.decode()
        assert 'name="password"' in html, url
        assert "Opening keynote" not in html
