"""The programme calendar is streamed a chunk of sessions at a time, never
built whole in memory."""

import pytest
from django.http import StreamingHttpResponse

from recap.events.exports import calendar_feeds
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db


def test_programme_calendar_is_streamed_a_chunk_of_sessions_at_a_time(client, monkeypatch):
    event = EventPageFactory()
    for n in range(3):
        SessionPageFactory(parent=event, title=f"Talk {n}", revision=False)
    monkeypatch.setattr(calendar_feeds, "CHUNK_SIZE", 1)

    response = client.get(event.url + "programme.ics")

    assert isinstance(response, StreamingHttpResponse)
    chunks = list(response.streaming_content)
    # The head with its VTIMEZONE, one chunk per session, the end.
    assert len(chunks) == 5
    assert [chunk.count(b"BEGIN:VEVENT") for chunk in chunks] == [0, 1, 1, 1, 0]
    assert chunks[-1] == b"END:VCALENDAR\r\n"
