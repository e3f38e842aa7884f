"""The plugin ships as a wheel with its templates, static files and
migrations (they live inside the apps, so a host site gets them from pip).

The wheel is built from a copy of the checkout in a temporary folder, without
build isolation (the test environment has setuptools and wheel; nothing is
downloaded), so the checkout is left untouched.
"""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "events", "speakers", "resources", "materials", "questions", "writeups", "discover")

# The module builds the wheel once: its tests stay on one worker.
pytestmark = pytest.mark.xdist_group("packaging")


def shipped_files(app, folder):
    """Files under <app>/<folder> that must be in the wheel (no bytecode), by
    their name in the wheel (recap/<app>/...)."""
    base = ROOT / app / folder
    return {
        "recap/" + path.relative_to(ROOT).as_posix()
        for path in base.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc"
    }


def build_wheel(work_dir):
    """Build the wheel from a copy of the checkout under `work_dir`; its path."""
    source = work_dir / "source"
    source.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md", "LICENSE"):
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    for app in (*APPS, "recap"):
        shutil.copytree(
            ROOT / app, source / app, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    dist = work_dir / "dist"
    result = subprocess.run(  # noqa: S603 - our own interpreter and arguments
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist)],
        cwd=source,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    (wheel,) = dist.glob("wagtail_recap-*.whl")
    return wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    return build_wheel(tmp_path_factory.mktemp("wheel"))


@pytest.fixture(scope="module")
def wheel_names(wheel):
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def wheel_metadata(wheel):
    """The wheel's METADATA headers, as (name, value) pairs."""
    with zipfile.ZipFile(wheel) as archive:
        (name,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
        text = archive.read(name).decode()
    headers = text.split("\n\n", 1)[0]
    return [tuple(line.split(": ", 1)) for line in headers.splitlines() if ": " in line]


def test_wheel_version_is_the_package_version(wheel):
    import recap

    assert ("Version", recap.__version__) in wheel_metadata(wheel)
    assert wheel.name.startswith(f"wagtail_recap-{recap.__version__}-")


def test_wheel_declares_its_licence_and_ships_the_text(wheel, wheel_names):
    assert ("License-Expression", "BSD-3-Clause") in wheel_metadata(wheel)
    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in wheel_names)


@pytest.mark.parametrize("app", APPS)
def test_wheel_contains_app_templates(wheel_names, app):
    templates = shipped_files(app, "templates")

    assert templates <= wheel_names, sorted(templates - wheel_names)


@pytest.mark.parametrize("app", [app for app in APPS if (ROOT / app / "migrations").is_dir()])
def test_wheel_contains_app_migrations(wheel_names, app):
    migrations = {name for name in shipped_files(app, "migrations") if name.endswith(".py")}

    assert any(name.startswith(f"recap/{app}/migrations/0001_") for name in migrations)
    assert migrations <= wheel_names, sorted(migrations - wheel_names)


def test_wheel_contains_the_plugin_templates_readers_see(wheel_names):
    names = {
        "recap/events/templates/recap_events/event_page.html",
        "recap/events/templates/recap_events/session_page.html",
        "recap/speakers/templates/recap_speakers/speaker_page.html",
        "recap/writeups/templates/recap_writeups/write_up_page.html",
    }
    assert names <= wheel_names


def test_wheel_leaves_out_the_reference_site_and_tests(wheel_names):
    top_level = {name.split("/")[0] for name in wheel_names if "/" in name}
    assert {name for name in top_level if not name.endswith(".dist-info")} == {"recap"}


def test_wheel_contains_the_url_groups(wheel_names):
    groups = ("__init__", "api", "calendars", "feeds", "pages", "questions", "search")
    assert {f"recap/urls/{group}.py" for group in groups} <= wheel_names


def test_wheel_contains_the_optional_stylesheet(wheel_names):
    assert "recap/core/static/recap/recap.css" in wheel_names
