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
    assert "http://127.0.0.1:8000/admin/" in output


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
