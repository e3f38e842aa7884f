"""A reader follows a chapter link on a session page: the player seeks to
that moment and the transcript opens there (issue 23)."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from recap.events.models import SessionChapter
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db(transaction=True)

CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:05.000
<v Nadia Perrin>Welcome to the panel on intranets.

00:01:30.000 --> 00:01:36.000
<v Tom Hale>Who reads the staff newsletter? Fewer people every year.

00:03:00.000 --> 00:03:05.000
Questions from the room.
"""


@pytest.fixture
def session(live_server):
    event = EventPageFactory(default_language="en")
    session = SessionPageFactory(
        parent=event,
        title="Intranets that people use",
        kind="panel",
        # A video Recap serves itself (missing here: the player still seeks).
        recording_url=f"{live_server.url}/media/documents/intranets.webm",
        captions_text=CAPTIONS,
    )
    for n, (seconds, title) in enumerate([(0, "Welcome"), (90, "The newsletter"), (180, "Q&A")]):
        SessionChapter.objects.create(
            page=session, start=dt.timedelta(seconds=seconds), title=title, sort_order=n
        )
    return session


def test_reader_follows_a_chapter_link_and_sees_the_transcript_there(live_server, page, session):
    page.goto(live_server.url + session.url)
    transcript = page.locator("#transcript")
    expect(transcript).not_to_have_attribute("open", "")
    address = page.url

    page.get_by_role("link", name="1:30 The newsletter").click()

    assert page.url == address  # the player seeks; the reader stays on the page
    expect(transcript).to_have_attribute("open", "")
    current = transcript.locator("li[aria-current='true']")
    expect(current).to_contain_text("Who reads the staff newsletter?")
    expect(current).to_be_visible()
    assert page.locator("video").evaluate("video => video.currentTime") == 90
    expect(page.locator("video track[kind='captions']")).to_have_attribute("srclang", "en")


def test_without_javascript_a_chapter_link_opens_the_video_at_that_time(
    live_server, browser, session
):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + session.url)

        link = page.get_by_role("link", name="1:30 The newsletter")

        assert link.get_attribute("href").endswith("/media/documents/intranets.webm#t=90")
        page.locator("#transcript summary").click()
        expect(page.get_by_text("Who reads the staff newsletter?")).to_be_visible()
    finally:
        context.close()
