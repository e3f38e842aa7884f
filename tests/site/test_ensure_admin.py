"""`manage.py ensure_admin`: one admin, a safe password, the login printed."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db


def ensure_admin():
    out = io.StringIO()
    call_command("ensure_admin", stdout=out)
    return out.getvalue()


def test_ensure_admin_uses_the_password_from_the_environment_without_echoing_it(
    monkeypatch, settings
):
    settings.DEBUG = False
    monkeypatch.setenv("RECAP_ADMIN_PASSWORD", "a-long-secret-from-env")

    output = ensure_admin()

    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.is_staff
    assert user.check_password("a-long-secret-from-env")
    assert "a-long-secret-from-env" not in output
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/" in output


def test_ensure_admin_uses_the_documented_default_only_with_debug_on(monkeypatch, settings):
    settings.DEBUG = True
    monkeypatch.delenv("RECAP_ADMIN_PASSWORD", raising=False)

    output = ensure_admin()

    assert get_user_model().objects.get(username="admin").check_password("recap-dev-admin")
    assert "recap-dev-admin" in output


def test_ensure_admin_refuses_the_default_password_with_debug_off(monkeypatch, settings):
    settings.DEBUG = False
    monkeypatch.delenv("RECAP_ADMIN_PASSWORD", raising=False)

    with pytest.raises(CommandError, match="RECAP_ADMIN_PASSWORD"):
        ensure_admin()

    assert not get_user_model().objects.filter(username="admin").exists()


def test_ensure_admin_leaves_an_existing_admin_alone(monkeypatch, settings):
    settings.DEBUG = True
    get_user_model().objects.create_superuser("admin", "a@example.com", "chosen-by-owner")
    monkeypatch.setenv("RECAP_ADMIN_PASSWORD", "something-else")

    output = ensure_admin()

    users = get_user_model().objects.filter(username="admin")
    assert users.count() == 1
    assert users.get().check_password("chosen-by-owner")
    assert "already exists" in output


def test_ensure_admin_prints_the_login_where_the_site_serves(monkeypatch, settings):
    settings.DEBUG = True
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8721"
    monkeypatch.delenv("RECAP_ADMIN_PASSWORD", raising=False)

    output = ensure_admin()

    assert "Log in at http://127.0.0.1:8721/admin/" in output
    assert ":8000" not in output


def make_run_commands(*args, env=None):
    import os
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    environ = {k: v for k, v in os.environ.items() if k != "WAGTAILADMIN_BASE_URL"}
    environ.update(env or {})
    # -n prints what `make run` would do, without doing it; -W skips the venv.
    result = subprocess.run(  # noqa: S603
        ["make", "-n", "-W", ".venv/.installed", "run", *args],  # noqa: S607
        cwd=root,
        env=environ,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.splitlines()


@pytest.mark.parametrize(
    ("args", "url"),
    [
        (["PORT=8721"], "http://127.0.0.1:8721"),
        (["HOST=0.0.0.0", "PORT=8000"], "http://localhost:8000"),
    ],
)
def test_make_run_serves_and_links_at_the_same_address(args, url):
    lines = make_run_commands(*args)

    login = next(line for line in lines if "ensure_admin" in line)
    serve = next(line for line in lines if "runserver" in line)
    assert login.startswith(f"WAGTAILADMIN_BASE_URL={url} ")
    assert serve.startswith(f"WAGTAILADMIN_BASE_URL={url} ")


def test_make_run_keeps_a_base_url_from_the_environment():
    lines = make_run_commands(env={"WAGTAILADMIN_BASE_URL": "https://recap.example.org"})

    serve = next(line for line in lines if "runserver" in line)
    assert serve.startswith("WAGTAILADMIN_BASE_URL=https://recap.example.org ")
