"""Settings for the Recap reference site.

Everything that differs between machines comes from the environment, read here
and nowhere else: DATABASE_URL, REDIS_URL, SECRET_KEY, DEBUG, ALLOWED_HOSTS,
MEDIA_ROOT (see the README's configuration table).
"""

import os
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured

import recap

SITE_DIR = Path(__file__).resolve().parent.parent.parent
BASE_DIR = SITE_DIR.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def email_backend(backend):
    """The setting that chooses the email backend, in the form the running
    Django reads: MAILERS from Django 6.1 (where EMAIL_BACKEND is
    deprecated), EMAIL_BACKEND before. A settings module applies it with
    `globals().update(email_backend(...))`."""
    if django.VERSION >= (6, 1):
        return {"MAILERS": {"default": {"BACKEND": backend}}}
    return {"EMAIL_BACKEND": backend}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])

INSTALLED_APPS = [
    # Recap (the plugin) and what it needs beyond a `wagtail start` project:
    # exactly what a host site adds.
    *recap.APPS,
    # The reference site
    "home",
    # Wagtail, as `wagtail start` lists it
    "wagtail.locales",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "recap.core.middleware.SecurityHeadersMiddleware",
    # Present mode's unchanged polls answered before the rest (a 304 from the cache).
    "recap.questions.middleware.PresentPollMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # English at /, French at /fr/ (the URLconf's i18n_patterns).
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # A form post in a charset other than UTF-8 gets 400 before CSRF reads it.
    "recap.core.requests.UndecodableFormMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "conference.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "conference.wsgi.application"

DATABASES = {
    # An empty DATABASE_URL counts as unset.
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several threads and processes (the dev server, autosave, a reader's
    # requests, browser tests) share one file. A transaction takes the write
    # lock when it begins (IMMEDIATE), so it waits up to `timeout` seconds
    # for another writer instead of failing with "database is locked" when a
    # read inside it turns into a write (SQLite cannot wait there). WAL lets
    # readers read while one writes; synchronous=NORMAL is safe with WAL.
    # Django 5.1+ reads these options (docs/configuration.md).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "timeout": 20,
        }
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0

REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    # Fail-safe: while Redis is unreachable the site serves uncached, and rate
    # limits (their own alias) count in each process's memory instead of
    # answering errors. See recap/core/cache.py and the README.
    CACHES = {
        "default": {
            "BACKEND": "recap.core.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "recap",
        },
        "ratelimit": {
            "BACKEND": "recap.core.cache.FailSafeRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "recap",
            "OPTIONS": {"LOCAL_FALLBACK": True},
        },
    }
    RATELIMIT_USE_CACHE = "ratelimit"
else:
    # One process's memory (runserver, a single worker). Room for every
    # cached programme, speaker list and feed of the demo and far more: Django's
    # default of 300 entries would evict them (README, "Caching").
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "recap",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Email (answers to delegates): SMTP, Django's default, named so that Django
# 6.1 finds a mailer configured. EMAIL_HOST and the rest: README, "Emailing
# delegates their answer".
globals().update(email_backend("django.core.mail.backends.smtp.EmailBackend"))

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
# The reference site speaks English and French (issue 11). Each language is
# named in itself, as a language switcher shows it.
LANGUAGES = [("en-gb", "English"), ("fr", "Français")]
# The site's own messages (base page, header, footer, demo); each Recap app
# ships its own locale/.
LOCALE_PATHS = [SITE_DIR / "locale"]

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "static-collected"))
STATIC_URL = "/static/"

MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Rate limits key on the client's address. Behind a proxy, name the header
# that carries it (e.g. HTTP_X_REAL_IP), or every delegate shares one limit.
RATELIMIT_IP_META_KEY = os.environ.get("RATELIMIT_IP_META_KEY") or None
# Recap reads the address itself (docs/security.md): the header the proxies
# write (e.g. X-Forwarded-For) and how many of them append to it.
RECAP_CLIENT_IP_HEADER = os.environ.get("RECAP_CLIENT_IP_HEADER") or None
RECAP_TRUSTED_PROXIES = int(os.environ.get("RECAP_TRUSTED_PROXIES") or 1)

WAGTAIL_SITE_NAME = "Recap"
# Recap's read-only JSON API (docs/api.md) is opt-in for a host; the
# reference site publishes its programme through it.
RECAP_API_ENABLED = True
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# "vtt": captions and chapters of recordings (WebVTT), chosen on a session.
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "vtt",
    "xlsx",
    "zip",
]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Pages, speakers and resources have a copy per language (Wagtail's locales).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


def require_secret_key():
    if not SECRET_KEY:
        raise ImproperlyConfigured("Set SECRET_KEY in the environment for this settings module.")
