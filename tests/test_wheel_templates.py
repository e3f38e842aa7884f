"""Every template Recap renders or includes ships in the wheel: with only the
apps' own templates and the base.html `wagtail start` generates (none of the
reference site's templates/), each template a Recap template or view names is
found, and Recap's pages render."""

import re
from pathlib import Path

import pytest
import wagtail
from django.conf import settings
from django.template import Context, Engine
from django.template.loader import get_template
from django.test import override_settings
from django.urls import reverse

from tests.factories import (
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
)

ROOT = Path(__file__).resolve().parent.parent
RECAP_APP_DIRS = [
    ROOT / name for name in ("core", "speakers", "resources", "events", "questions", "writeups")
]
# {% include "..." %} and {% extends "..." %} with a literal name.
TEMPLATE_TAG = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")
# A template named in Python: template_name = "...", render(request, "..."), Meta.template.
PYTHON_NAME = re.compile(
    r"[\"']((?:recap_\w+|wagtailadmin|modeladmin)/[\w/.-]+\.(?:html|txt))[\"']"
)


@pytest.fixture
def host_templates(tmp_path):
    """Template settings of a host: its own templates/ holds only the
    base.html `wagtail start` generates, unchanged."""
    project_base = (
        Path(wagtail.__file__).parent / "project_template/project_name/templates/base.html"
    )
    generated = (
        Engine().from_string(project_base.read_text()).render(Context({"project_name": "hostsite"}))
    )
    (tmp_path / "base.html").write_text(generated)
    templates = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    with override_settings(TEMPLATES=templates):
        yield tmp_path


def named_templates():
    """(where, name) of each template named by Recap's templates and code."""
    for app_dir in RECAP_APP_DIRS:
        for path in sorted(app_dir.glob("templates/**/*.html")):
            for name in TEMPLATE_TAG.findall(path.read_text(encoding="utf-8")):
                yield path.relative_to(ROOT), name
        for path in sorted(app_dir.glob("**/*.py")):
            if "migrations" in path.parts:
                continue
            for name in PYTHON_NAME.findall(path.read_text(encoding="utf-8")):
                yield path.relative_to(ROOT), name


def test_every_template_recap_names_ships_in_the_wheel(host_templates):
    named = list(named_templates())
    missing = []
    for where, name in named:
        try:
            get_template(name)
        except Exception as error:  # noqa: BLE001 - reported below, whatever it is
            missing.append(f"{where}: {name} ({type(error).__name__})")

    assert len(named) > 50
    assert missing == []


@pytest.mark.django_db
def test_recaps_pages_render_with_the_stock_base_html(host_templates, client):
    session = SessionPageFactory(title="Opening keynote")
    speaker = SpeakerFactory(name="Ada Quill", slug="ada-quill")
    add_speaker(session, speaker)
    speakers = SpeakerIndexPageFactory()
    writeup = WriteUpPageFactory(title="Notes from the keynote")
    event = session.get_parent().specific

    pages = {
        "event index": event.get_parent().url,
        "event": event.url,
        "session": session.url,
        "speakers": speakers.url,
        "speaker": speakers.url + "ada-quill/",
        "write-up index": writeup.get_parent().url,
        "write-up": writeup.url,
        "search": reverse("recap_search") + "?q=keynote",
    }
    answers = {kind: client.get(url) for kind, url in pages.items()}

    assert {kind: response.status_code for kind, response in answers.items()} == dict.fromkeys(
        pages, 200
    )
    # The stock base.html, not the reference site's: its stylesheet link.
    assert 'href="/static/css/hostsite.css"' in answers["search"].content.decode()
    assert "Search results for “keynote”" in answers["search"].content.decode()
