"""What a new site owner does, from outside: install the wheel into a fresh
virtualenv, `wagtail start` a site that has its own `events` app (and the
PyPI package named `events`), then follow the host's guide (docs/install.md)
line by line: its commands, its settings and URL lines, and its admin steps
through Wagtail's admin (tests/host_guide.py); then fetch what a reader
fetches.

Slow (a virtualenv, dependencies from PyPI or pip's cache, migrations): it
runs when RECAP_SLOW_TESTS=1 or with `-m slow`; CI's SQLite leg runs it.
"""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests import admin_form, host_guide
from tests.test_packaging import ROOT, build_wheel

# One worker builds the wheel and the host site once for the whole module.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("install")]

# The checkout's pins, so CI installs the versions the suite runs with.
CONSTRAINTS = ROOT / "constraints.txt"

EVENT = "/events/host-summit/"
SESSION = EVENT + "opening-keynote/"
SPEAKER = "/speakers/ada-okafor/"
API_LIST = "/api/v2/pages/?type=recap_events.EventPage"
# The host's own page type, which Recap's API must not list.
API_HOST_TYPE = "/api/v2/pages/?type=events.EventPage"
# A route of the host's own, placed after Recap's include.
HOST_SITEMAP = "/sitemap.xml"
RECAP_SEARCH = "/search/?query=keynote"
HOST_EVENT = "/our-own-event/"
HOST_SEARCH = "/search/?query=summit"

HOST_EVENTS_APP = """
from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
"""

HOST_EVENTS_MODELS = '''
from django.conf import settings
from django.db import models
from wagtail.models import Page
from wagtail.search import index


class Booking(models.Model):
    """The host's own app, whose package is named `events` like Recap's folder."""

    name = models.CharField(max_length=100)


# Page models named like every one of Recap's: Django gives each the class
# name as its reverse name on Page, which Recap's must not claim.
class EventIndexPage(Page):
    pass


class EventPage(Page):
    venue = models.CharField(max_length=100, blank=True)


class SessionPage(Page):
    pass


class WriteUpIndexPage(Page):
    pass


class WriteUpPage(Page):
    pass


class SpeakerIndexPage(Page):
    pass


class TopicIndexPage(Page):
    pass


class ResourceLibraryPage(Page):
    pass


class Speaker(index.Indexed, models.Model):
    """The host's own speaker snippet, with a site account as Recap's has."""

    name = models.CharField(max_length=100)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    search_fields = [index.SearchField("name")]

    def __str__(self):
        return self.name
'''

HOST_EVENTS_HOOKS = """
from wagtail.snippets.models import register_snippet

from .models import Speaker

register_snippet(Speaker)
"""

HOST_EVENT_TEMPLATE = """{% extends "base.html" %}
{% block content %}<h1>{{ page.title }}</h1><p>Host venue: {{ page.venue }}</p>{% endblock %}
"""

# The host's settings, less recap.questions (optional in Recap).
SETTINGS_WITHOUT_QUESTIONS = """
from .dev import *  # noqa: F403

INSTALLED_APPS = [app for app in INSTALLED_APPS if app != "recap.questions"]  # noqa: F405
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("recap.questions.")]  # noqa: F405
"""

GUIDE = ROOT / "docs" / "install.md"
GUIDE_TEXT = GUIDE.read_text()
GUIDE_STEPS = host_guide.numbered_steps(GUIDE_TEXT)

# The host's own app, in its settings before it follows the guide.
SETTINGS_HOST_APP = """

INSTALLED_APPS += ["events"]  # the host's own events app
"""

# The guide's commands, as this test runs them: pip takes the wheel just
# built (with the suite's pins) for the name on PyPI, and createsuperuser
# takes its answers from the environment instead of a prompt.
SUPERUSER = {
    "DJANGO_SUPERUSER_USERNAME": "host-admin",
    "DJANGO_SUPERUSER_EMAIL": "host-admin@example.org",
    "DJANGO_SUPERUSER_PASSWORD": "a host's password 4 tests",
}

# The guide's admin steps, done through the admin (tests/host_guide.py).
GUIDE_ADMIN_SCRIPT = """
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.dev")
django.setup()

from django.test import Client

from recap.speakers.models import Speaker
from tests.host_guide import admin_steps, run_admin_steps


def speakers_inline(label, value):
    assert label == "Speakers", label
    return "speaker_links", {"speaker": str(Speaker.objects.get(name=value).pk)}


client = Client()
assert client.login(
    username=os.environ["DJANGO_SUPERUSER_USERNAME"],
    password=os.environ["DJANGO_SUPERUSER_PASSWORD"],
)
with open(sys.argv[1], encoding="utf-8") as guide:
    done = run_admin_steps(client, admin_steps(guide.read()), speakers_inline)
print(len(done))
"""

# Wagtail i18n switched on afterwards, as a host does: its Locale was saved
# as `en` (wagtail start's LANGUAGE_CODE, en-us, maps to it). Once with that
# code, once with another site's en-gb copied in.
SETTINGS_I18N = {
    "i18n_en": """
from .dev import *  # noqa: F403

WAGTAIL_I18N_ENABLED = True
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en", "English"), ("fr", "French")]
""",
    "i18n_en_gb": """
from .dev import *  # noqa: F403

WAGTAIL_I18N_ENABLED = True
LANGUAGE_CODE = "en-gb"
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES = [("en-gb", "English"), ("fr", "French")]
""",
}

# Fetches the URLs given as arguments with the settings in the environment.
FETCH_SCRIPT = """
import json
import sys

import django

django.setup()

from django.test import Client

client = Client()
json.dump({url: client.get(url).status_code for url in sys.argv[1:]}, sys.stdout)
"""

# Runs inside the host site, with the virtualenv's Python: builds content
# through the models and fetches pages with Django's test client.
SCRIPT = f"""
import datetime as dt
import json
import os
import sys

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hostsite.settings.dev")
django.setup()

from django.test import Client
from wagtail.models import Site

import events
import recap
from recap.events.models import SessionPage
from recap.questions.shortcodes import session_code
from recap.speakers.models import Speaker
from events.models import EventPage as HostEventPage, Speaker as HostSpeaker


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# The event, session and speaker are the ones the guide's admin steps made.
home = Site.objects.get(is_default_site=True).root_page
session = SessionPage.objects.get(slug="opening-keynote")
assert session.live and Speaker.objects.filter(name="Ada Okafor").exists()
# The host's own pages and snippet, beside Recap's of the same names.
publish(home, HostEventPage(title="Our own event", slug="our-own-event", venue="The host's hall"))
HostSpeaker.objects.create(name="Host's own speaker")

client = Client()
fetched = {{}}
present = f"/q/{{session_code(session)}}/present/"
urls = {[EVENT, SESSION, SPEAKER, EVENT + "programme.ics", EVENT + "schedule.xml", EVENT + "schedule.json", SESSION + "session.ics", "/calendar/speakers/ada-okafor.ics", "/feeds/speakers/ada-okafor/rss/", API_LIST, API_HOST_TYPE, HOST_EVENT, HOST_SEARCH, HOST_SITEMAP]!r}
for url in urls + [present]:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    fetched[url] = {{
        "status": response.status_code,
        "content_type": response.get("Content-Type", ""),
        "body": body.decode("utf-8", "replace"),
    }}
json.dump(
    {{
        "fetched": fetched,
        "present": fetched[present],
        "recap": recap.__file__,
        "events": events.__file__,
    }},
    sys.stdout,
)
"""


def run(args, cwd, env, timeout=900):
    result = subprocess.run(  # noqa: S603 - our own arguments
        [str(arg) for arg in args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, (
        f"{' '.join(map(str, args))} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


def with_guides_url_lines(text):
    """The host's urls.py with the guide's lines: each one it lacks goes in
    before Wagtail's catch-all, as the guide says; the rest it already has."""
    (block,) = host_guide.python_blocks(GUIDE_STEPS, "# urls.py")
    catch_all = '    path("", include(wagtail_urls)),\n'
    assert catch_all in text
    for line in block.splitlines():
        if line.strip() in {"...,", "urlpatterns = [", "]"}:
            assert line.strip() == "...," or line in text, line
            continue
        if line not in text:
            text = text.replace(catch_all, line + "\n" + catch_all, 1)
    return text


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """A fresh virtualenv with the wheel and a `wagtail start` site using it."""
    work = tmp_path_factory.mktemp("install")
    wheel = build_wheel(work)
    venv = work / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=work, env=os.environ.copy())
    # Nothing of the suite's own settings; and bytecode is written, so that
    # the dozen commands below do not each compile Django and Wagtail again
    # where the machine sets PYTHONDONTWRITEBYTECODE (about 2 s a command).
    left_out = {
        "DJANGO_SETTINGS_MODULE",
        "PYTHONPATH",
        "DATABASE_URL",
        "REDIS_URL",
        "PYTHONDONTWRITEBYTECODE",
    }
    env = {key: value for key, value in os.environ.items() if key not in left_out}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    python = venv / "bin" / "python"
    # No bytecode compiling at install: it is most of the install time, and
    # each command compiles only the modules it imports, once.
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile"]
    commands = host_guide.shell_commands(GUIDE_STEPS)
    assert commands[0] == "pip install wagtail-recap", commands
    run([*pip, "-c", CONSTRAINTS, wheel], cwd=work, env=env)

    # The PyPI project named `events` installs a top-level `events` module,
    # the name the host's own app has too.
    pypi_events = subprocess.run(  # noqa: S603 - our own arguments
        [str(arg) for arg in (*pip, "events")],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )

    site_dir = work / "site"
    site_dir.mkdir()
    run([venv / "bin" / "wagtail", "start", "hostsite", site_dir], cwd=work, env=env)
    manage = [python, "manage.py"]
    # By hand: `startapp events` refuses a name an installed module has.
    host_events = site_dir / "events"
    (host_events / "migrations").mkdir(parents=True)
    (host_events / "__init__.py").write_text("")
    (host_events / "migrations" / "__init__.py").write_text("")
    (host_events / "apps.py").write_text(HOST_EVENTS_APP)
    (host_events / "models.py").write_text(HOST_EVENTS_MODELS)
    (host_events / "wagtail_hooks.py").write_text(HOST_EVENTS_HOOKS)
    (host_events / "templates" / "events").mkdir(parents=True)
    (host_events / "templates" / "events" / "event_page.html").write_text(HOST_EVENT_TEMPLATE)
    settings = site_dir / "hostsite" / "settings" / "base.py"
    # The guide's settings lines, at the end of the settings, as it says.
    guide_settings = "".join(host_guide.python_blocks(GUIDE_STEPS, "# settings"))
    settings.write_text(settings.read_text() + SETTINGS_HOST_APP + guide_settings)
    (settings.parent / "without_questions.py").write_text(SETTINGS_WITHOUT_QUESTIONS)
    urls = site_dir / "hostsite" / "urls.py"
    urls.write_text(with_guides_url_lines(urls.read_text()))
    # The host's own sitemap, after Recap's include: Recap's file-like routes
    # must not take it.
    catch_all = '    path("", include(wagtail_urls)),\n'
    urls.write_text(
        "from wagtail.contrib.sitemaps.views import sitemap\n"
        + urls.read_text().replace(
            catch_all, '    path("sitemap.xml", sitemap),  # the host\'s own\n' + catch_all, 1
        )
    )
    check = run([*manage, "check"], cwd=site_dir, env=env)
    run([*manage, "makemigrations", "events"], cwd=site_dir, env=env)
    # Recap needs no migration of the host's making, with or without questions.
    migrations_check = {
        settings_name: subprocess.run(  # noqa: S603 - our own arguments
            [*map(str, manage), "makemigrations", "--check", "--dry-run"],
            cwd=site_dir,
            env={**env, "DJANGO_SETTINGS_MODULE": f"hostsite.settings.{settings_name}"},
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        for settings_name in ("dev", "without_questions")
    }
    for command in commands[1:]:
        assert command.startswith("python manage.py "), command
        args = command.split()[2:]
        if args == ["createsuperuser"]:
            args.append("--no-input")  # answers from SUPERUSER, in the environment
        elif args == ["migrate"]:
            args.append("--no-input")
        run([*manage, *args], cwd=site_dir, env={**env, **SUPERUSER})
    # The guide's admin steps, through the admin.
    tests_dir = site_dir / "tests"
    tests_dir.mkdir()
    (tests_dir / "__init__.py").write_text("")
    for module in (admin_form, host_guide):
        (tests_dir / Path(module.__file__).name).write_text(Path(module.__file__).read_text())
    (site_dir / "guide_admin_steps.py").write_text(GUIDE_ADMIN_SCRIPT)
    run([python, "guide_admin_steps.py", GUIDE], cwd=site_dir, env={**env, **SUPERUSER})
    (site_dir / "check_recap.py").write_text(textwrap.dedent(SCRIPT))
    output = run([python, "check_recap.py"], cwd=site_dir, env=env).stdout
    (site_dir / "fetch.py").write_text(FETCH_SCRIPT)
    i18n = {}
    for settings_name, text in SETTINGS_I18N.items():
        (settings.parent / f"{settings_name}.py").write_text(text)
        i18n_env = {**env, "DJANGO_SETTINGS_MODULE": f"hostsite.settings.{settings_name}"}
        fetched = run([python, "fetch.py", EVENT, SESSION, SPEAKER], cwd=site_dir, env=i18n_env)
        i18n[settings_name] = json.loads(fetched.stdout)
    site_packages = Path(
        run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=work,
            env=env,
        ).stdout.strip()
    )
    return {
        **json.loads(output),
        "site_dir": site_dir,
        "site_packages": site_packages,
        "pypi_events": pypi_events,
        "check": check,
        "migrations_check": migrations_check,
        "i18n": i18n,
    }


def test_installed_wheel_puts_only_recap_at_the_top_of_site_packages(host):
    (record,) = host["site_packages"].glob("wagtail_recap-*.dist-info/RECORD")
    top_level = {
        line.split(",")[0].split("/")[0] for line in record.read_text().splitlines() if line
    }

    assert {name for name in top_level if not name.endswith(".dist-info")} == {"recap"}
    assert Path(host["recap"]).is_relative_to(host["site_packages"])


def test_host_sites_own_events_app_and_the_pypi_events_package_do_not_collide(host):
    # The host's app is found first (its folder is on the path before
    # site-packages), and Recap's apps load beside it.
    assert Path(host["events"]).parent == host["site_dir"] / "events"
    assert host["pypi_events"].returncode == 0, host["pypi_events"].stderr[-2000:]
    assert (host["site_packages"] / "events").is_dir()


@pytest.mark.parametrize(
    ("url", "content_type", "shows"),
    [
        (EVENT, "text/html", "Host Summit"),
        (SESSION, "text/html", "Opening keynote"),
        (SPEAKER, "text/html", "Ada Okafor"),
        (EVENT + "programme.ics", "text/calendar", "SUMMARY:Opening keynote"),
        (EVENT + "schedule.xml", "application/xml", "<title>Opening keynote</title>"),
        (EVENT + "schedule.json", "application/json", '"Opening keynote"'),
        (SESSION + "session.ics", "text/calendar", "SUMMARY:Opening keynote"),
        ("/calendar/speakers/ada-okafor.ics", "text/calendar", "SUMMARY:Opening keynote"),
        ("/feeds/speakers/ada-okafor/rss/", "application/rss+xml", "Ada Okafor"),
        (API_LIST, "application/json", '"Host Summit"'),
        (HOST_SITEMAP, "application/xml", "/our-own-event/"),
    ],
)
def test_host_site_serves_recaps_pages_and_files(host, url, content_type, shows):
    fetched = host["fetched"][url]

    assert fetched["status"] == 200, fetched["body"][:2000]
    assert fetched["content_type"].startswith(content_type)
    assert shows in fetched["body"]


def test_host_site_with_page_models_and_a_snippet_named_like_recaps_passes_check(host):
    # The host's events app has EventPage, SessionPage, WriteUpPage... and a
    # Speaker snippet: no reverse name clashes with Recap's (E304/E305).
    assert "System check identified no issues" in host["check"].stdout


@pytest.mark.parametrize("settings_name", ["dev", "without_questions"])
def test_host_site_needs_no_migration_for_recap(host, settings_name):
    result = host["migrations_check"][settings_name]

    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "No changes detected" in result.stdout


@pytest.mark.parametrize(
    ("url", "shows"),
    [(HOST_EVENT, "Host venue: The host&#x27;s hall"), (HOST_SEARCH, "Host Summit")],
)
def test_host_sites_own_pages_and_search_still_answer(host, url, shows):
    fetched = host["fetched"][url]

    assert fetched["status"] == 200, fetched["body"][:2000]
    assert shows in fetched["body"]


@pytest.mark.parametrize("settings_name", list(SETTINGS_I18N))
def test_host_site_with_wagtail_i18n_and_its_saved_en_locale_serves_recaps_pages(
    host, settings_name
):
    assert host["i18n"][settings_name] == {EVENT: 200, SESSION: 200, SPEAKER: 200}


def test_host_site_api_lists_none_of_the_hosts_own_page_types(host):
    fetched = host["fetched"][API_HOST_TYPE]

    assert "Our own event" not in fetched["body"]
    assert fetched["status"] in (200, 400), fetched["body"][:2000]


def test_host_site_shows_the_present_mode_without_its_own_base_template(host):
    fetched = host["present"]

    assert fetched["status"] == 200, fetched["body"][:2000]
    assert "Opening keynote" in fetched["body"]
    # wagtail start's base.html links its own stylesheet: not on the projector.
    assert "css/hostsite.css" not in fetched["body"]


def test_host_site_event_page_fills_the_unchanged_base_templates_head(host):
    body = host["fetched"][EVENT]["body"]
    head = body.split("</head>", 1)[0]

    assert "css/hostsite.css" in head  # wagtail start's own base.html, unchanged
    assert 'rel="canonical"' in head
    assert 'property="og:title"' in head
    assert "programme.ics" in head and "schedule.xml" in head
