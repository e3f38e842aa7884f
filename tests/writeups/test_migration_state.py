"""Recap's migrations describe its models on every site, with or without
recap.questions (optional): a host's `makemigrations --check` is clean and
its `makemigrations` never writes a migration into Recap's package."""

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
WITHOUT_QUESTIONS = "conference.settings.test_without_questions"


@pytest.mark.django_db
def test_makemigrations_check_is_clean_with_the_settings_in_use():
    out = StringIO()

    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out)
    except SystemExit:
        pytest.fail(f"makemigrations wants a migration:\n{out.getvalue()}")

    assert "No changes detected" in out.getvalue()


@pytest.mark.skipif(
    not apps.is_installed("recap.questions"), reason="these settings already leave it out"
)
def test_makemigrations_check_is_clean_without_recap_questions():
    result = subprocess.run(  # noqa: S603 - our own arguments
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        # An in-memory database: the check reads the migration history, and
        # must neither touch a real one nor leave a db.sqlite3 behind.
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": WITHOUT_QUESTIONS,
            "DATABASE_URL": "sqlite://:memory:",
        },
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "No changes detected" in result.stdout
