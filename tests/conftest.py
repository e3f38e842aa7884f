import datetime as dt
import json
import os
import re
from pathlib import Path

import pytest

# A redis-server of a test's own (tests/redis_server.py), for any test module.
from tests.redis_server import redis_server  # noqa: F401

TESTS_DIR = Path(__file__).resolve().parent
# Folders whose tests search, so they need search and reference indexing.
INDEXING_FOLDERS = {TESTS_DIR / "search", TESTS_DIR / "api", TESTS_DIR / "browser"}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# recap.questions is optional (`make test-without-questions` runs the page tests
# without it). Tests of questions, and modules that import its models, are not
# collected then; single tests that need it carry @pytest.mark.questions.
NEEDS_QUESTIONS = [
    TESTS_DIR / "questions",
    TESTS_DIR / "browser" / "test_questions_journey.py",
    TESTS_DIR / "site" / "test_load_demo.py",
    TESTS_DIR / "api" / "test_api.py",
]
# Besides those, any test module that imports recap.questions or the questions
# tests' helpers is left out too (read from its import lines).
IMPORTS_QUESTIONS = re.compile(
    r"^\s*(?:from|import)\s+(?:recap\.questions|tests\.questions)\b", re.MULTILINE
)
WITHOUT_QUESTIONS = "recap.questions is not installed (settings without it)"
# The modules whose tests read the clock (dates from now: the demo, "on now",
# questions closing, purges): marked `clock`, which .ci/run runs again at a
# frozen instant of its own (docs/testing.md). Browser tests are not listed:
# they run in CI's PostgreSQL leg, itself at a frozen instant.
CLOCK_MODULES = {
    TESTS_DIR / path
    for path in [
        "test_frozen_clock.py",
        "events/test_models.py",
        "events/test_programme_days.py",
        "events/test_programme_page_cache.py",
        "events/test_views.py",
        "questions/test_ask.py",
        "questions/test_ask_outcome.py",
        "questions/test_capture.py",
        "questions/test_closed.py",
        "questions/test_moderation_queue.py",
        "questions/test_purge.py",
        "questions/test_recording.py",
        "questions/test_venue.py",
        "resources/test_broken_links_report.py",
        "site/test_demo_dates.py",
        "site/test_home.py",
        "site/test_load_demo.py",
        "speakers/test_profile.py",
    ]
}
# RECAP_FROZEN_NOW=2028-02-29T09:58:00Z runs the whole session from that
# instant (the clock ticks on from it): every "now" the site, the demo and the
# factories read, live-server threads included (docs/testing.md).
FROZEN_NOW = "RECAP_FROZEN_NOW"


def questions_installed():
    from django.apps import apps

    return apps.is_installed("recap.questions")


def frozen_now():
    """The instant RECAP_FROZEN_NOW names (aware; UTC unless it says), or None."""
    value = os.environ.get(FROZEN_NOW, "").strip()
    if not value:
        return None
    instant = dt.datetime.fromisoformat(value)
    return instant if instant.tzinfo else instant.replace(tzinfo=dt.UTC)


def _travel_to_frozen_now(config):
    # Started here, before any test or fixture, and for the whole session, so
    # that threads (the live server the browser tests drive) see it too.
    instant = frozen_now()
    if instant is None:
        return
    import time_machine

    traveller = time_machine.travel(instant, tick=True)
    traveller.start()
    config.add_cleanup(traveller.stop)


def pytest_configure(config):
    _travel_to_frozen_now(config)
    config.addinivalue_line(
        "markers", "search_index: run Wagtail's indexing tasks (search, references) on save"
    )
    config.addinivalue_line(
        "markers", "questions: needs recap.questions installed (skipped without it)"
    )
    config.addinivalue_line("markers", "migrations: migrates the database back and forth")
    if not config.pluginmanager.hasplugin("xdist"):
        # pytest-xdist registers it; with -p no:xdist (one process) the
        # modules that share an expensive fixture on one worker still load.
        config.addinivalue_line("markers", "xdist_group(name): run on one xdist worker")


def pytest_ignore_collect(collection_path, config):
    if questions_installed():
        return None
    path = Path(collection_path)
    if any(path == needs or needs in path.parents for needs in NEEDS_QUESTIONS):
        return True
    if path.suffix == ".py" and IMPORTS_QUESTIONS.search(path.read_text(encoding="utf-8")):
        return True
    return None


def _runs_slow_tests(config):
    markexpr = config.getoption("markexpr", "") or ""
    return os.environ.get("RECAP_SLOW_TESTS") == "1" or (
        "slow" in markexpr and "not slow" not in markexpr
    )


def pytest_collection_modifyitems(config, items):
    skip_slow = pytest.mark.skip(reason="slow: set RECAP_SLOW_TESTS=1 or pass -m slow to run it")
    run_slow = _runs_slow_tests(config)
    skip_questions = pytest.mark.skip(reason=WITHOUT_QUESTIONS)
    without_questions = not questions_installed()
    for item in items:
        if Path(str(item.fspath)).parent in INDEXING_FOLDERS:
            item.add_marker(pytest.mark.search_index)
        if Path(str(item.fspath)) in CLOCK_MODULES:
            item.add_marker(pytest.mark.clock)
        if not run_slow and item.get_closest_marker("slow"):
            item.add_marker(skip_slow)
        if without_questions and item.get_closest_marker("questions"):
            item.add_marker(skip_questions)


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction"))


# -- the rows migrations made, back after every transactional test ----------
# A transactional test ends with a flush, which empties every table: the
# rows Wagtail's and Recap's migrations made (locale, root collection, root
# page, default site, the stock groups Editors and Moderators, Recap's own
# groups and their permissions) are gone for whatever runs next on that
# worker. Django's serialized_rollback puts them back only at the start of
# the next test that asks for it, so a plain test that followed (or ran
# after the last transactional test) found an empty database, and a test
# order decided who saw the stock groups. Here they are put back right after
# the flush: every test starts from the migrated database, in any order.
MIGRATED_ROWS = pytest.StashKey()


@pytest.fixture(autouse=True)
def _migrated_rows(request):
    """Before the first transactional test changes anything, the migrated
    database is serialized once (it is exactly what the test's
    serialized_rollback has just loaded); pytest_runtest_teardown below loads
    it again after the test's flush."""
    if not _is_transactional(request.node) or MIGRATED_ROWS in request.config.stash:
        return
    from django.db import connection

    blocker = request.getfixturevalue("django_db_blocker")
    with blocker.unblock():
        rows = json.loads(connection.creation.serialize_db_to_string())
    # Content types first: loading a Wagtail task or page looks its content
    # type up (and makes it when missing); it must find the restored row.
    rows.sort(key=lambda row: row["model"] != "contenttypes.contenttype")
    request.config.stash[MIGRATED_ROWS] = (blocker, json.dumps(rows))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # After the session's last test the test database is gone: nothing to do.
    if nextitem is not None and _is_transactional(item) and MIGRATED_ROWS in item.config.stash:
        from django.contrib.contenttypes.models import ContentType
        from django.core.management import call_command
        from django.db import connection

        blocker, rows = item.config.stash[MIGRATED_ROWS]
        # The process's content types are the restored ones from here on.
        ContentType.objects.clear_cache()
        with blocker.unblock():
            # Empty the tables again first: a flush without serialized_rollback
            # runs post_migrate, and code still running after the test (a live
            # server's last request) may have looked up a content type; either
            # makes content types again under new ids, which the restored ones
            # would collide with.
            # Sequences are kept, as the test's own flush keeps them: the
            # restored rows keep their ids and new rows must not reuse them.
            call_command(
                "flush",
                interactive=False,
                verbosity=0,
                inhibit_post_migrate=True,
                reset_sequences=False,
            )
            connection.creation.deserialize_db_from_string(rows)
            connection.close()
    return result


def pytest_report_header(config):
    lines = []
    instant = frozen_now()
    if instant is not None:
        lines.append(f"Clock frozen at {instant.isoformat()} ({instant:%A}; {FROZEN_NOW}), ticking")
    if not questions_installed():
        left_out = ", ".join(str(path.relative_to(TESTS_DIR.parent)) for path in NEEDS_QUESTIONS)
        lines.append(
            f"Not collected, {WITHOUT_QUESTIONS}: {left_out}, "
            "and every test module that imports recap.questions or tests.questions"
        )
    return lines


@pytest.fixture(autouse=True)
def _indexing(request, settings):
    """Index on save where a test searches (see TASKS in the test settings)."""
    if request.node.get_closest_marker("search_index"):
        settings.TASKS = IMMEDIATE_TASKS


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded files (images in factories and the demo) go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    from recap.core.locales import forget_locales

    # Each test's database has its own Locale rows (ids differ after a
    # rollback on PostgreSQL): forget the process's table of them too.
    forget_locales()
    for cache in caches.all():
        cache.clear()
    yield
    forget_locales()
    for cache in caches.all():
        cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the site's default language. LocaleMiddleware
    activates a request's language and nothing switches it back in the test
    process (a server does it per request), so a test that requested a /fr/
    page would leave French on for the next test on its worker."""
    from django.utils import translation

    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture
def half_past_the_hour():
    """Runs the test at half past the hour it starts in, the clock ticking.
    The event page is kept until the top of the hour at most, so in an hour's
    last second nothing is kept and no ETag is given: a test of the page
    cache that started at 23:59:59 would see that instead of what it tests."""
    import time_machine
    from django.utils import timezone

    now = timezone.now()
    with time_machine.travel(now.replace(minute=30, second=0, microsecond=0), tick=True):
        yield
