"""The settings contract: everything from the environment, safe defaults,
and production settings that pass Django's deployment checks."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


# Not passed on to the child processes: the test run's own database, and the
# browser tests' async-safety switch (which `check --deploy` rightly refuses).
NOT_INHERITED = {"DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def clean_environment():
    return {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}


def run_python(code, **env):
    environment = clean_environment()
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**environment, "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def read_settings(*expressions, module="conference.settings.dev", **env):
    """Evaluate expressions on `settings` in a fresh interpreter with `env`.
    Reading settings needs no app loading (django.setup()), which is most of
    a fresh interpreter's start-up time."""
    values = ", ".join(f"str({expression})" for expression in expressions)
    code = (
        f"import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = {module!r}; "
        f"from django.conf import settings; print(json.dumps([{values}]))"
    )
    result = run_python(code, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_settings_default_to_sqlite_in_the_checkout_and_local_memory_cache():
    engine, name, cache = read_settings(
        "settings.DATABASES['default']['ENGINE']",
        "settings.DATABASES['default']['NAME']",
        "settings.CACHES['default']['BACKEND']",
    )

    assert engine == "django.db.backends.sqlite3"
    assert Path(name) == ROOT / "db.sqlite3"
    assert cache.endswith("LocMemCache")


def test_settings_read_database_and_redis_from_the_environment():
    env = {
        "DATABASE_URL": "postgres://recap:pw@db.internal:5432/recapdb",
        "REDIS_URL": "redis://cache.internal:6379/2",
    }

    engine, host, cache, location = read_settings(
        "settings.DATABASES['default']['ENGINE']",
        "settings.DATABASES['default']['HOST']",
        "settings.CACHES['default']['BACKEND']",
        "settings.CACHES['default']['LOCATION']",
        **env,
    )

    assert engine == "django.db.backends.postgresql"
    assert host == "db.internal"
    assert cache.endswith("RedisCache")
    assert location == "redis://cache.internal:6379/2"


def test_settings_read_hosts_debug_and_media_root():
    env = {
        "ALLOWED_HOSTS": "recap.example, www.recap.example",
        "DEBUG": "false",
        "MEDIA_ROOT": "/srv/media",
    }

    hosts, debug, media_root = read_settings(
        "settings.ALLOWED_HOSTS", "settings.DEBUG", "settings.MEDIA_ROOT", **env
    )

    assert hosts == "['recap.example', 'www.recap.example']"
    assert debug == "False"
    assert media_root == "/srv/media"


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run_python(
        "import os, django; os.environ['DJANGO_SETTINGS_MODULE'] = 'conference.settings.production'; django.setup()",
        SECRET_KEY="",
    )

    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_production_settings_pass_check_deploy():
    env = clean_environment()
    env.update(
        DJANGO_SETTINGS_MODULE="conference.settings.production",
        SECRET_KEY="x7!kq9#vR2mZ@p4Lw8$tN6^bY1&cH3*dJ5(eF0)gA-sU+oI=lK",
        ALLOWED_HOSTS="recap.example",
    )

    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_settings_check_postgresql_connections_before_reuse():
    # A connection lost while idle (a database restart) then costs at most
    # the request in flight, not every request that reuses it.
    health_checks, max_age = read_settings(
        "settings.DATABASES['default']['CONN_HEALTH_CHECKS']",
        "settings.DATABASES['default']['CONN_MAX_AGE']",
        DATABASE_URL="postgres://recap:pw@db.internal:5432/recapdb",
    )

    assert health_checks == "True"
    assert int(max_age) > 0


def test_settings_with_redis_use_the_fail_safe_cache_and_local_rate_limit_fallback():
    default, ratelimit, fallback, use_cache = read_settings(
        "settings.CACHES['default']['BACKEND']",
        "settings.CACHES['ratelimit']['BACKEND']",
        "settings.CACHES['ratelimit']['OPTIONS']['LOCAL_FALLBACK']",
        "settings.RATELIMIT_USE_CACHE",
        REDIS_URL="redis://cache.internal:6379/2",
    )

    assert default == ratelimit == "recap.core.cache.FailSafeRedisCache"
    assert fallback == "True"
    assert use_cache == "ratelimit"
