"""Browser tests: Playwright for Python driving Debian's Chromium.

Each test is transactional (the live server reads what the test commits); the
rows the migrations made are put back after each one's flush, and a journey
that reads the demo asks for the `demo` fixture, which puts the demo's tables
back in milliseconds instead of loading it again (tests/conftest.py,
tests/snapshots.py).

Chromium is found at $CHROMIUM_PATH or /usr/bin/chromium. Where none exists
the tests skip with a message, unless CI is set: there a missing browser is a
failure, never a silent skip (.ci/run installs it).

RECAP_BROWSER_TESTS=0 leaves them out (skipped, saying so): .ci/run runs them
once, in its PostgreSQL leg, and sets it to 0 in the other legs.
"""

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def chromium_path():
    candidates = [os.environ.get("CHROMIUM_PATH"), "/usr/bin/chromium", shutil.which("chromium")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return candidate
    return None


def pytest_collection_modifyitems(config, items):
    switched_off = os.environ.get("RECAP_BROWSER_TESTS") == "0"
    skip = pytest.mark.skip(reason="browser tests switched off (RECAP_BROWSER_TESTS=0)")
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)
            if switched_off:
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(
                "Chromium is required in CI for the browser tests (apt-get install chromium)."
            )
        pytest.skip(
            "No Chromium found (set CHROMIUM_PATH or apt-get install chromium); browser tests skipped."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    """A fresh browser tab."""
    return context.new_page()


@pytest.fixture
def new_page(browser):
    """Opens more tabs in separate browser contexts (another delegate's browser)."""
    contexts = []

    def make(width=1280, height=900):
        context = browser.new_context(viewport={"width": width, "height": height}, locale="en-GB")
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
