"""A private write-up (password, login or group restriction, on itself or a
section above it) shows its title and link nowhere public."""

import json

import pytest
from wagtail.models import PageViewRestriction

from recap.questions.shortcodes import session_code
from recap.writeups.models import WriteUpSession, WriteUpSpeaker
from tests.factories import (
    SessionPageFactory,
    SpeakerFactory,
    SpeakerIndexPageFactory,
    WriteUpIndexPageFactory,
    WriteUpPageFactory,
)
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

SECRET = "Secret board debrief"


def restrict(page, kind):
    if kind == "password":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="s3cret"
        )
    else:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


@pytest.fixture(params=["password", "login-on-section"])
def private_writeup(request):
    """A write-up about a session and a speaker, made private on itself or its index."""
    index = WriteUpIndexPageFactory()
    speaker = SpeakerFactory(name="Ada Okafor", slug="ada-okafor")
    session = SessionPageFactory(title="The panel")
    writeup = WriteUpPageFactory(title=SECRET, author=speaker, parent=index)
    WriteUpSpeaker.objects.create(page=writeup, speaker=speaker)
    WriteUpSession.objects.create(page=writeup, session=session)
    restrict(writeup if request.param == "password" else index, request.param)
    return writeup, session, speaker


def test_private_writeup_is_not_listed_on_the_session_page(client, private_writeup):
    _, session, _ = private_writeup

    response = client.get(session.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "The panel" in html
    assert SECRET not in html


def test_private_writeup_is_not_linked_from_a_question_it_answers(client, private_writeup):
    writeup, session, _ = private_writeup
    DelegateQuestionFactory(
        session=session, status="answered", answered_in=writeup, text="Where are the slides?"
    )

    response = client.get(session.url)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Where are the slides?" in html
    assert SECRET not in html and writeup.url not in html


def test_private_writeup_is_not_named_in_present_mode(client, private_writeup):
    writeup, session, _ = private_writeup
    DelegateQuestionFactory(
        session=session, status="answered", answered_in=writeup, text="Where are the slides?"
    )

    response = client.get(f"/q/{session_code(session)}/present.json")

    assert response.status_code == 200
    answered = json.loads(response.content)["answered"]
    assert [q["text"] for q in answered] == ["Where are the slides?"]
    assert answered[0]["answered_in"] is None
    assert SECRET not in response.content.decode()


def test_private_writeup_is_not_listed_on_the_speaker_page(client, private_writeup):
    *_, speaker = private_writeup
    SpeakerIndexPageFactory()

    html = client.get(speaker.get_url()).content.decode()

    assert SECRET not in html


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/speakers/ada-okafor/rss/",
        "/feeds/speakers/ada-okafor/atom/",
        "write-ups/feed/rss/",
        "write-ups/feed/atom/",
    ],
)
def test_private_writeup_is_not_in_feeds(client, private_writeup, url):
    writeup, *_ = private_writeup
    if not url.startswith("/"):
        url = writeup.get_parent().url + url.split("/", 1)[1]

    response = client.get(url)

    # The index's own feed is behind the section's login when the index is private.
    assert response.status_code in (200, 302)
    assert SECRET not in response.content.decode()


@pytest.mark.search_index
def test_private_writeup_is_not_found_by_search(client, private_writeup):
    html = client.get("/search/?q=board+debrief").content.decode()

    assert SECRET not in html


@pytest.mark.search_index
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=recap_writeups.WriteUpPage&fields=title",
        "/api/v2/pages/?type=recap_writeups.WriteUpPage&speaker=ada-okafor",
        "/api/v2/pages/?search=board+debrief",
    ],
)
def test_private_writeup_is_not_in_the_api(client, private_writeup, url):
    response = client.get(url)

    assert response.status_code == 200
    assert SECRET not in json.dumps(response.json())


def test_private_writeup_detail_is_not_in_the_api(client, private_writeup):
    writeup, *_ = private_writeup

    assert client.get(f"/api/v2/pages/{writeup.pk}/").status_code == 404
