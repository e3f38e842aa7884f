"""Control characters typed by an editor are stripped on save, and every
serialiser tolerates text stored with them before."""

import json
import re

import pytest
from django.db.models import Q
from wagtail.models import Page

from recap.events.models import EventPage, SessionPage
from recap.resources.models import Resource
from recap.speakers.models import Speaker
from recap.writeups.models import WriteUpPage, WriteUpSpeaker
from tests.factories import (
    ResourceFactory,
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db

# No NUL: PostgreSQL refuses it in any text column (so it can never be stored
# there), and Django's form fields refuse it at input; strip_controls' own
# tests (test_sanitize.py) cover it.
CONTROLS = "\x0b\x1b\x0c\x7f\x85"
# What XML 1.0 and strict readers refuse (newline, tab and carriage return aside).
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def test_titles_names_abstracts_and_resource_titles_are_stored_without_controls():
    session = SessionPageFactory(title=f"Panel{CONTROLS} one", abstract=f"<p>Ab{CONTROLS}c</p>")
    speaker = SpeakerFactory(name=f"Ada{CONTROLS} Okafor")
    resource = ResourceFactory(title=f"Report{CONTROLS} 2030")
    writeup = WriteUpPageFactory(title=f"Notes{CONTROLS} from the day")

    session.refresh_from_db()
    event = session.get_parent().specific
    event.title = f"Summit{CONTROLS} 2030"
    event.save_revision().publish()

    assert SessionPage.objects.get(pk=session.pk).title == "Panel one"
    assert SessionPage.objects.get(pk=session.pk).abstract == "<p>Abc</p>"
    assert EventPage.objects.get(pk=event.pk).title == "Summit 2030"
    assert Speaker.objects.get(pk=speaker.pk).name == "Ada Okafor"
    assert Resource.objects.get(pk=resource.pk).title == "Report 2030"
    assert WriteUpPage.objects.get(pk=writeup.pk).title == "Notes from the day"


@pytest.fixture
def dirty(db):
    """A programme whose texts were stored with control characters (before
    they were stripped on save): written with update(), which sends no signal."""
    speaker = SpeakerFactory(name="Ada Okafor", slug="ada-okafor")
    SpeakerIndexPageFactory()
    session = SessionPageFactory(title="Panel")
    add_speaker(session, speaker)
    writeup = WriteUpPageFactory(title="Notes", author=speaker, intro="<p>Intro</p>")
    WriteUpSpeaker.objects.create(page=writeup, speaker=speaker)
    event = session.get_parent().specific
    pages = Q(pk__in=[session.pk, writeup.pk, event.pk])
    Page.objects.filter(pages).update(title=f"Bad{CONTROLS} title", draft_title="Bad title")
    SessionPage.objects.filter(pk=session.pk).update(abstract=f"<p>Ab{CONTROLS}c</p>")
    Speaker.objects.filter(pk=speaker.pk).update(name=f"Ada{CONTROLS} Okafor")
    return event, session, writeup, speaker


@pytest.mark.parametrize(
    "url",
    [
        "{event}schedule.xml",
        "{event}schedule.json",
        "{event}programme.ics",
        "{session}session.ics",
        "{index}feed/rss/",
        "{index}feed/atom/",
        "/feeds/speakers/ada-okafor/rss/",
        "/feeds/speakers/ada-okafor/atom/",
        "/api/v2/pages/?type=recap_events.SessionPage&fields=title,abstract",
        "/api/v2/speakers/?fields=name",
    ],
)
def test_every_serialiser_tolerates_stored_control_characters(client, dirty, url):
    event, session, writeup, _ = dirty
    url = url.format(event=event.url, session=session.url, index=writeup.get_parent().url)

    response = client.get(url)

    assert response.status_code == 200
    body = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    if "/api/" in url:
        # JSON carries any character, escaped where it must be: valid is enough.
        assert json.loads(body)["items"]
    else:
        assert not FORBIDDEN.search(body)
        assert "Bad title" in body or "Ada Okafor" in body


@pytest.mark.parametrize("page", ["event", "session", "writeup", "speaker"])
def test_json_ld_tolerates_stored_control_characters(client, dirty, page):
    event, session, writeup, speaker = dirty
    url = {
        "event": event.url,
        "session": session.url,
        "writeup": writeup.url,
        "speaker": speaker.get_url(),
    }[page]

    html = client.get(url).content.decode()

    (document,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert not FORBIDDEN.search(document)
    assert not FORBIDDEN.search(json.dumps(json.loads(document), ensure_ascii=False))
