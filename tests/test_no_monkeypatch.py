"""Loading Recap changes no attribute of Django or Wagtail (issue 19).

Two fresh interpreters (tests/monkeypatch_check.py): one loads the reference
site as it runs (every app's ready(), the URLconf, Wagtail's hooks), the
other the same settings without Recap's apps, then imports the same Django
and Wagtail modules. Every attribute of those modules and of their classes
must be the same in both: a monkeypatch (``SomeClass.method = ours``), at
import time or in ready(), shows as a difference, named.
"""

import fnmatch
import json
import subprocess
import sys

import pytest

from tests import monkeypatch_check
from tests.monkeypatch_check import ROOT

SCRIPT = ROOT / "tests" / "monkeypatch_check.py"

# Differences that are not patches: values Django and Wagtail compute from
# what is installed, or per process.
EXPECTED = {
    # Counters of fields, managers, blocks and routes declared so far.
    "*.creation_counter": "a count of fields/managers/blocks declared",
    "*.auto_creation_counter": "a count of fields declared",
    "wagtail.contrib.routable_page.models._creation_counter": "a count of routes declared",
    # id(None): differs between any two processes.
    "django.dispatch.dispatcher.NONE_ID": "id(None), per process",
    # copyreg's cache, added to a class the first time one is copied.
    "*.__slotnames__": "copyreg's cache",
    # Wagtail's static files' cache-busting hash (from the settings).
    "wagtail.admin.staticfiles.VERSION_HASH": "derived from the settings",
    # The API v3 schemas Wagtail builds from the page and snippet models installed.
    "wagtail.api.v3.routers.pages.Page*Schema": "built from the installed page models",
    "wagtail.snippets.api.v3.router.Snippet*Schema": "built from the installed snippets",
    "wagtail.snippets.api.v3.router._snippet_schemas": "built from the installed snippets",
}


def run(*arguments, stdin=None):
    done = subprocess.run(
        [sys.executable, str(SCRIPT), *arguments],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def changes(baseline, full):
    found = monkeypatch_check.compare(baseline["attributes"], full["attributes"])
    return [
        line
        for line in found
        if not any(fnmatch.fnmatchcase(line.split(":", 1)[0], key) for key in EXPECTED)
    ]


@pytest.fixture(scope="module")
def full():
    return run("full")


@pytest.fixture(scope="module")
def baseline(full):
    return run("baseline", stdin=json.dumps(full["modules"]))


def test_loading_recap_patches_nothing_in_django_or_wagtail(baseline, full):
    assert any(name.startswith("wagtail.models") for name in full["modules"])
    assert len(baseline["attributes"]) > 10_000
    assert changes(baseline, full) == []


def test_a_patch_is_caught_and_named(baseline):
    patched = run("full", "--probe", "tests.monkeypatch_probe")
    found = "\n".join(changes(baseline, patched))
    assert "django.utils.text.slugify: " in found
    assert "wagtail.models.Page.get_url_parts: " in found
    assert "wagtail.models.Page.recap_probe_added: added" in found
    assert "tests.monkeypatch_probe" in found
