"""What a new site owner does, from outside: install the wheel into a fresh
virtualenv, `wagtail start` a site that has its own `events` app (and the
PyPI package named `events`), add Recap the way the README says, migrate,
make an event, a session and a speaker, and fetch what a reader fetches.

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

from tests.test_packaging import ROOT, build_wheel

# One worker builds the wheel and the host site once for the whole module.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("install")]

# The checkout's pins, so CI installs the versions the suite runs with.
CONSTRAINTS = ROOT / "constraints.txt"

EVENT = "/events/host-summit/"
SESSION = EVENT + "opening-keynote/"
SPEAKER = "/speakers/ada-okafor/"
API_LIST = "/api/v2/pages/?type=recap_events.EventPage"

HOST_EVENTS_APP = """
from django.apps import AppConfig


class EventsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "events"
"""

HOST_EVENTS_MODELS = '''
from django.db import models


class Booking(models.Model):
    """The host's own app, whose package is named `events` like Recap's folder."""

    name = models.CharField(max_length=100)
'''

SETTINGS_ADDITION = """

# Added as Recap's README says.
import recap  # noqa: E402

INSTALLED_APPS += ["events"]  # the host's own events app
INSTALLED_APPS += [app for app in recap.APPS if app not in INSTALLED_APPS]
RECAP_API_ENABLED = True  # Recap's API is opt-in (docs/urls-and-templates.md)
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
from recap.events.models import EventIndexPage, EventPage, SessionPage, SessionSpeaker
from recap.speakers.models import Speaker, SpeakerIndexPage


def publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


home = Site.objects.get(is_default_site=True).root_page
index = publish(home, EventIndexPage(title="Events", slug="events"))
start = dt.datetime(2030, 6, 10, 8, tzinfo=dt.UTC)
event = publish(
    index,
    EventPage(
        title="Host Summit",
        slug="host-summit",
        start=start,
        end=start + dt.timedelta(hours=9),
        time_zone="Europe/London",
    ),
)
speaker = Speaker.objects.create(name="Ada Okafor", slug="ada-okafor")
session = SessionPage(
    title="Opening keynote",
    slug="opening-keynote",
    start=start + dt.timedelta(hours=1),
    end=start + dt.timedelta(hours=2),
)
session.speaker_links = [SessionSpeaker(speaker=speaker)]
publish(event, session)
publish(home, SpeakerIndexPage(title="Speakers", slug="speakers"))

client = Client()
fetched = {{}}
for url in {[EVENT, SESSION, SPEAKER, EVENT + "programme.ics", EVENT + "schedule.xml", API_LIST]!r}:
    response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    fetched[url] = {{
        "status": response.status_code,
        "content_type": response.get("Content-Type", ""),
        "body": body.decode("utf-8", "replace"),
    }}
json.dump(
    {{"fetched": fetched, "recap": recap.__file__, "events": events.__file__}}, sys.stdout
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


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    """A fresh virtualenv with the wheel and a `wagtail start` site using it."""
    work = tmp_path_factory.mktemp("install")
    wheel = build_wheel(work)
    venv = work / "venv"
    run([sys.executable, "-m", "venv", venv], cwd=work, env=os.environ.copy())
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "PYTHONPATH", "DATABASE_URL", "REDIS_URL"}
    }
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    env["VIRTUAL_ENV"] = str(venv)
    python = venv / "bin" / "python"
    # No bytecode compiling: it is most of the install time, and nothing needs it.
    pip = [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile"]
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
    settings = site_dir / "hostsite" / "settings" / "base.py"
    settings.write_text(settings.read_text() + SETTINGS_ADDITION)
    urls = site_dir / "hostsite" / "urls.py"
    catch_all = '    path("", include(wagtail_urls)),\n'
    assert catch_all in urls.read_text()
    urls.write_text(
        urls.read_text().replace(catch_all, '    path("", include("recap.urls")),\n' + catch_all, 1)
    )
    run([*manage, "makemigrations", "events"], cwd=site_dir, env=env)
    run([*manage, "migrate", "--no-input"], cwd=site_dir, env=env)
    (site_dir / "check_recap.py").write_text(textwrap.dedent(SCRIPT))
    output = run([python, "check_recap.py"], cwd=site_dir, env=env).stdout
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
        (API_LIST, "application/json", '"Host Summit"'),
    ],
)
def test_host_site_serves_recaps_pages_and_files(host, url, content_type, shows):
    fetched = host["fetched"][url]

    assert fetched["status"] == 200, fetched["body"][:2000]
    assert fetched["content_type"].startswith(content_type)
    assert shows in fetched["body"]
