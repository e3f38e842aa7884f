"""The test suite's settings: the same environment contract as production."""

import os
from urllib.parse import urlsplit

from .base import *  # noqa: F403
from .base import email_backend

DEBUG = False
SECRET_KEY = os.environ.get("SECRET_KEY") or "test-only-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
globals().update(email_backend("django.core.mail.backends.locmem.EmailBackend"))
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["*"]

# Wagtail 8 updates the search index and the reference index through tasks
# (django-tasks), run at once by default. Building the large fixtures of the
# query-count tests spends most of its time there, so the suite queues tasks
# without running them; tests that search opt back in (tests/conftest.py).
TASKS = {"default": {"BACKEND": "tests.tasks.DiscardingBackend"}}

# Parallel test workers (pytest-xdist) each get their own Redis database, so
# one worker clearing the cache between tests cannot reset another's rate
# limits. Redis has 16 databases; workers beyond 15 would share.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _worker.startswith("gw"):  # noqa: F405
    _database = int(_worker[2:]) % 15 + 1
    for _alias in CACHES.values():  # noqa: F405
        _alias["LOCATION"] = urlsplit(REDIS_URL)._replace(path=f"/{_database}").geturl()  # noqa: F405
