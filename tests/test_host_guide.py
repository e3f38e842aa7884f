"""The admin steps of the host's guide (docs/install.md), done in the test
database through Wagtail's admin, field by field by their labels: the event,
session and speaker they make are published and shown to readers.
tests/test_install.py runs the whole guide, commands included, in a fresh
host site (slow, CI's SQLite leg)."""

from pathlib import Path

import pytest

from recap.events.models import EventPage, SessionPage
from recap.speakers.models import Speaker
from tests.factories import site_root
from tests.host_guide import admin_steps, python_blocks, run_admin_steps, shell_commands

pytestmark = pytest.mark.django_db

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "install.md"


def speakers_inline(label, value):
    """What the session editor's speaker chooser sends for the guide's name."""
    assert label == "Speakers", f"The guide names a field the form does not have: {label!r}"
    return "speaker_links", {"speaker": str(Speaker.objects.get(name=value).pk)}


def test_the_guide_has_its_commands_settings_and_url_lines():
    text = GUIDE.read_text()

    assert shell_commands(text)[:2] == ["pip install wagtail-recap", "python manage.py migrate"]
    assert any("recap.APPS" in block for block in python_blocks(text, "# settings"))
    (urls,) = python_blocks(text, "# urls.py")
    assert 'path("", include("recap.urls")),' in urls


def test_the_guides_admin_steps_publish_an_event_with_a_session_and_a_speaker(admin_client):
    site_root()

    done = run_admin_steps(admin_client, admin_steps(GUIDE.read_text()), speakers_inline)

    assert [model for model, _fields in done][:4] == [
        done[0][0],
        EventPage,
        Speaker,
        SessionPage,
    ]
    event = EventPage.objects.get(title="Host Summit")
    session = SessionPage.objects.get(title="Opening keynote")
    assert event.live and session.live
    assert session.get_parent().specific == event
    assert [link.speaker.name for link in session.speaker_links.all()] == ["Ada Okafor"]
    page = admin_client.get(event.url)
    assert page.status_code == 200
    assert "Opening keynote" in page.content.decode()
    assert "Ada Okafor" in admin_client.get(session.url).content.decode()
