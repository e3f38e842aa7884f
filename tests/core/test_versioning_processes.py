"""A change made in another process is seen at once by a running site with
the default settings (an SQLite file, a local-memory cache per process):
the content version lives in the database (recap.core.versioning)."""

import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from tests.factories import EventPageFactory, SessionPageFactory

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="the default settings' database is SQLite"
    ),
    # The other processes run the default settings, recap.questions included,
    # on a copy of this run's database: it must have the questions' tables.
    pytest.mark.questions,
]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def default_environment(database, media):
    """The reference site's default settings (manage.py's), on `database`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DATABASE_URL")
    }
    env.update(
        DJANGO_SETTINGS_MODULE="conference.settings.dev",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media),
        DEBUG="0",
        PYTHONUNBUFFERED="1",
    )
    return env


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - local test server
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.fixture
def site_on_file(tmp_path):
    """The test's database copied to an SQLite file, and a `manage.py
    runserver` (one process, its own local-memory cache) serving it."""
    database = tmp_path / "db.sqlite3"
    target = sqlite3.connect(database)
    connection.ensure_connection()
    connection.connection.backup(target)
    target.close()
    env = default_environment(database, tmp_path / "media")
    port = free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "runserver",
            "--noreload",
            "--skip-checks",
            f"127.0.0.1:{port}",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                pytest.fail("runserver stopped: " + (tmp_path / "server.log").read_text())
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("runserver did not start: " + (tmp_path / "server.log").read_text())
        yield base, env
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()


def manage(env, *args):
    result = subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def event():
    event = EventPageFactory(title="Social media conference", slug="smc")
    SessionPageFactory(parent=event, title="Opening keynote")
    SessionPageFactory(parent=event, title="Panel on internal comms")
    return event


def test_changes_made_in_other_processes_are_seen_by_the_running_site(
    event, site_on_file, tmp_path
):
    """One server for both changes: starting one costs seconds."""
    base, env = site_on_file
    page, ics = f"{base}{event.url}", f"{base}{event.url}programme.ics"
    for _ in range(2):  # rendered, then served from the cache
        assert get(page)[0] == 200
        status, calendar = get(ics)
    assert status == 200
    assert "Panel on internal comms" in calendar

    # The editor re-imports the programme with a session renamed.
    (tmp_path / "programme.ics").write_text(
        calendar.replace("Panel on internal comms", "Panel on the role of IC pros")
    )
    manage(env, "import_ics", str(tmp_path / "programme.ics"), "--event", "smc")

    for _ in range(2):
        status, html = get(page)
        assert status == 200
        assert "Panel on the role of IC pros" in html
        assert "Panel on internal comms" not in html
        status, calendar = get(ics)
        assert "Panel on the role of IC pros" in calendar
        assert "Panel on internal comms" not in calendar

    # Then unpublishes the event from a shell.
    manage(
        env,
        "shell",
        "-c",
        "from wagtail.models import Page; Page.objects.get(slug='smc').specific.unpublish()",
    )

    assert get(page)[0] == 404
    assert get(ics)[0] == 404
