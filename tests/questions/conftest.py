import time
import uuid

import pytest
from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Page

from recap.questions.forms import sign_started
from recap.questions.shortcodes import session_code
from tests.factories import SessionPageFactory


@pytest.fixture(autouse=True)
def _one_rate_limit_window(monkeypatch):
    """Every request of a test counts in the same rate-limit window.

    django-ratelimit counts per fixed window (a minute for "30/m"), whose end
    falls at a moment of its own for each key; a test that sends 31 votes on a
    slow machine could straddle it and see its count reset. Here the window
    ends far in the future, so limits are tested by count, never by clock."""
    monkeypatch.setattr("django_ratelimit.core._get_window", lambda value, period: 4_102_444_800)


@pytest.fixture
def session(db):
    return SessionPageFactory(title="Social media and internal comms")


def ask_data(**overrides):
    """A valid ask-form post, shown to the delegate a minute ago: a new form
    (submission token and its start value) unless `overrides` name them."""
    data = {
        "text": "What is the role of IC pros in social media?",
        "name": "",
        "organisation": "",
        "email": "",
        "website": "",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    if "started" not in overrides:
        data["started"] = sign_started(data["submission_token"], time.time() - 60)
    return data


def ask_url(session):
    return f"/q/{session_code(session)}/"


@pytest.fixture
def moderator(db, django_user_model):
    user = django_user_model.objects.create_user("moderator", password="pw-moderator-1")
    group = Group.objects.create(name="Test moderators with page permissions")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="moderate_delegatequestion"),
        Permission.objects.get(codename="change_delegatequestion"),
        Permission.objects.get(codename="add_delegatequestion"),
    )
    GroupPagePermission.objects.create(
        group=group, page=Page.objects.get(depth=1), permission_type="change"
    )
    user.groups.add(group)
    return user


@pytest.fixture
def editor(db, django_user_model):
    """Can reach the question list (change permission) but may not moderate."""
    user = django_user_model.objects.create_user("editor", password="pw-editor-1")
    group = Group.objects.create(name="Editors without moderation")
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_delegatequestion"),
    )
    user.groups.add(group)
    return user
