"""The test suite's settings: the same environment contract as production."""

import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]

# Wagtail 8 updates the search index and the reference index through tasks
# (django-tasks), run at once by default. Building the large fixtures of the
# query-count tests spends most of its time there, so the suite queues tasks
# without running them; tests that search opt back in (tests/conftest.py).
TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
