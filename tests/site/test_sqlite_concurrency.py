"""The embedded default (SQLite) takes concurrent admin saves, autosave and
readers' requests without "database is locked" (issue 22): the settings open
SQLite transactions IMMEDIATE, with WAL and a 20 s timeout
(site/conference/settings/base.py)."""

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]
WRITERS = ROOT / "tests" / "site" / "sqlite_writers.py"

# Transactional: a backup waits for an open transaction, the one a plain
# django_db test runs in.
pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "sqlite", reason="copies the suite's SQLite schema to a file"
    ),
]


@pytest.fixture
def schema_copy(tmp_path):
    """The test database (migrated, as Wagtail's migrations leave it) copied
    into a file."""
    path = tmp_path / "recap.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return path


def test_concurrent_publishing_and_reading_never_finds_the_database_locked(schema_copy):
    database = schema_copy
    environment = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    environment.update(
        DATABASE_URL=f"sqlite:///{database}",
        PYTHONPATH=f"{ROOT}{os.pathsep}{ROOT / 'site'}",
        DJANGO_SETTINGS_MODULE="conference.settings.test",
    )

    result = subprocess.run(
        [sys.executable, str(WRITERS)],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stderr[-3000:]
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome["errors"] == []
    assert outcome["published"] == 3 * 2
    journal = sqlite3.connect(database).execute("PRAGMA journal_mode").fetchone()[0]
    assert journal == "wal"
