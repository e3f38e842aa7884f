"""The test suite's settings: the same environment contract as production."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path
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

# On SQLite the test database is a file in a folder of this process's own,
# not Django's in-memory default. In memory, Django hands the live server's
# request threads the test's one connection, and two requests at once (an
# autosave and a "Save draft") interleave their savepoints on it ("no such
# savepoint", a 500 a browser journey saw). With a file each thread has its
# own connection, as on `make run`.
# The file lives in memory where the system offers it (/dev/shm), and is
# never synced to a disk: it is thrown away after the run.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    _shm = Path("/dev/shm")  # noqa: S108 - a folder of its own is made in it
    _test_db_dir = Path(
        tempfile.mkdtemp(
            prefix="recap-test-db-",
            dir=_shm if _shm.is_dir() and os.access(_shm, os.W_OK) else None,
        )
    )
    atexit.register(shutil.rmtree, _test_db_dir, ignore_errors=True)
    DATABASES["default"]["TEST"] = {"NAME": str(_test_db_dir / "test.sqlite3")}  # noqa: F405
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
    )

# On PostgreSQL a commit does not wait for the disk: the test database is
# thrown away, and transactional tests and the live server commit often.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405
