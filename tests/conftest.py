import datetime as dt
import io
import os
import re
from pathlib import Path

import pytest

# A redis-server of a test's own (tests/redis_server.py), for any test module.
from tests.redis_server import redis_server  # noqa: F401
from tests.snapshots import LoadedDemo, TableSnapshot

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
# they run in CI's PostgreSQL leg, itself at a frozen instant, and the
# delegate's clock-reading journey runs at five instants of its own
# (tests/browser/test_any_hour.py).
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


def _starts_early(item):
    """The install test (a minute and more on one worker) goes first: started
    last, as pytest-django's order puts tests without the database, it kept
    one worker busy long after the other had finished."""
    return item.get_closest_marker("slow") is not None


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
        if any(group.args == ("demo",) for group in item.iter_markers("xdist_group")):
            item.add_marker(pytest.mark.demo)
        if not run_slow and item.get_closest_marker("slow"):
            item.add_marker(skip_slow)
        if without_questions and item.get_closest_marker("questions"):
            item.add_marker(skip_questions)


# After pytest-django's own sort (plain database tests, then transactional
# ones, then the rest), which this keeps apart from the slow tests. Apart
# from the hook above, which must mark tests before `-m` selects them.
@pytest.hookimpl(trylast=True, specname="pytest_collection_modifyitems")
def pytest_collection_modifyitems_slow_first(config, items):
    if _runs_slow_tests(config):
        items.sort(key=lambda item: not _starts_early(item))


# -- the rows migrations made, back after every transactional test ----------
# A transactional test ends with a flush, which empties every table: the
# rows Wagtail's and Recap's migrations made (locale, root collection, root
# page, default site, the stock groups Editors and Moderators, Recap's own
# groups and their permissions) would be gone for whatever runs next on that
# worker, and a test order would decide who saw them. The migrated database
# is kept in a table snapshot (tests/snapshots.py) as soon as it exists, and
# put back right after every transactional test's flush: every test starts
# from the migrated database, in any order, without serialized_rollback.
MIGRATED = TableSnapshot("migrated")
_BLOCKER = pytest.StashKey()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker, request):
    """pytest-django's test database, then its migrated state kept."""
    with django_db_blocker.unblock():
        MIGRATED.take()
    request.config.stash[_BLOCKER] = django_db_blocker


def _is_transactional(item):
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    return bool(marker and marker.kwargs.get("transaction")) or (
        "transactional_db" in fixtures or "live_server" in fixtures
    )


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    result = yield
    # After the session's last test the test database is gone: nothing to do.
    if nextitem is not None and _is_transactional(item) and _BLOCKER in item.config.stash:
        from django.db import connection

        with item.config.stash[_BLOCKER].unblock():
            MIGRATED.restore()
            connection.close()
    return result


# -- the demo, loaded once per worker ---------------------------------------
@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker, tmp_path_factory):
    """`load_demo` runs once per worker, offline (any connection but the
    database's and the cache's fails it), indexed for search as on `make run`
    (the suite otherwise discards indexing tasks), and its tables are kept;
    each test that reads the demo gets them back in milliseconds instead of
    loading it again (5 to 15 seconds). The modules that read it share the
    xdist group `demo`, so one worker loads it for all of them. The demo is
    dated from the instant it loads; its session on now runs an hour either
    side of it, longer than a run of the suite."""
    from django.core.management import call_command
    from django.test import override_settings

    from tests.network import refuse_network

    media = tmp_path_factory.mktemp("demo-media")
    snapshot = TableSnapshot("demo")
    output = io.StringIO()
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=media, TASKS=IMMEDIATE_TASKS),
        pytest.MonkeyPatch.context() as monkeypatch,
    ):
        refuse_network(monkeypatch)
        call_command("load_demo", "--quiet", stdout=output, stderr=io.StringIO())
        snapshot.take()
        MIGRATED.restore()
    return LoadedDemo(snapshot, media, output.getvalue())


@pytest.fixture
def demo(demo_snapshot, settings):
    """The demo, for one test (a module of plain tests that all read it uses
    tests.snapshots.demo_for_module instead)."""
    demo_snapshot.restore(settings)
    return demo_snapshot


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
def editor_client(client, django_user_model):
    """The test client, logged in as a member of Wagtail's Editors group (no
    superuser rights), as an editor uses the admin."""
    from django.contrib.auth.models import Group

    from core.groups import EDITORS

    editor = django_user_model.objects.create_user(username="edna", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    return client


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
