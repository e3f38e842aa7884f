"""A write-up shows the recordings of the sessions it covers, with their
chapters and a link to each transcript (issue 23)."""

import datetime as dt

import pytest

from recap.events.models import SessionChapter, SessionPage
from recap.writeups.models import WriteUpSession
from tests.factories import EventPageFactory, SessionPageFactory, WriteUpPageFactory

pytestmark = pytest.mark.django_db

VIDEO = "https://www.youtube.com/watch?v=abcdefghijk"
CAPTIONS = "WEBVTT\n\n00:00.000 --> 00:04.000\nWelcome to the panel.\n"


def test_writeup_shows_covered_recordings_with_chapters_and_transcript_link(client):
    event = EventPageFactory()
    session = SessionPageFactory(
        parent=event, title="Intranet panel", recording_url=VIDEO, captions_text=CAPTIONS
    )
    SessionChapter.objects.create(page=session, start=dt.timedelta(minutes=4), title="Newsletters")
    unrecorded = SessionPageFactory(parent=event, title="Unfilmed workshop")
    writeup = WriteUpPageFactory(event=event)
    WriteUpSession.objects.create(page=writeup, session=session)
    WriteUpSession.objects.create(page=writeup, session=unrecorded, sort_order=1)

    page = client.get(writeup.url).content.decode()
    recordings = page[page.index('id="recordings-heading"') :]

    assert "Intranet panel" in recordings
    assert "Unfilmed workshop" not in recordings
    assert 'href="https://www.youtube.com/watch?v=abcdefghijk&amp;t=240s"' in recordings
    assert "Newsletters" in recordings
    assert f'href="{session.url}#transcript"' in recordings
    assert "recap_events/recording.js" in page


@pytest.mark.parametrize("count", [3, 12])
def test_writeup_recordings_cost_the_same_queries_however_many(
    client, django_assert_max_num_queries, count
):
    event = EventPageFactory()
    writeup = WriteUpPageFactory(event=event)
    for n in range(count):
        session = event.add_child(
            instance=SessionPage(
                title=f"Talk {n}",
                slug=f"talk-{n}",
                start=event.start,
                end=event.end,
                recording_url=f"{VIDEO}{n}",
            )
        )
        SessionChapter.objects.create(page=session, start=dt.timedelta(0), title=f"Start {n}")
        WriteUpSession.objects.create(page=writeup, session=session, sort_order=n)
    client.get(writeup.url)

    with django_assert_max_num_queries(19):  # the page's own budget (test_views.py)
        response = client.get(writeup.url)

    assert response.content.decode().count("Start ") == count
