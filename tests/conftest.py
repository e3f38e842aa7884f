import os
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
# Folders whose tests search, so they need search and reference indexing.
INDEXING_FOLDERS = {TESTS_DIR / "search", TESTS_DIR / "api", TESTS_DIR / "browser"}
IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "search_index: run Wagtail's indexing tasks (search, references) on save"
    )


def _runs_slow_tests(config):
    markexpr = config.getoption("markexpr", "") or ""
    return os.environ.get("RECAP_SLOW_TESTS") == "1" or (
        "slow" in markexpr and "not slow" not in markexpr
    )


def pytest_collection_modifyitems(config, items):
    skip_slow = pytest.mark.skip(reason="slow: set RECAP_SLOW_TESTS=1 or pass -m slow to run it")
    run_slow = _runs_slow_tests(config)
    for item in items:
        if Path(str(item.fspath)).parent in INDEXING_FOLDERS:
            item.add_marker(pytest.mark.search_index)
        if not run_slow and item.get_closest_marker("slow"):
            item.add_marker(skip_slow)


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

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()
