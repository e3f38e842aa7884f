"""`load_demo --scale N`: the benchmark's generated conference."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from recap.core.sanitize import rich_text_as_plain
from recap.events.models import EventPage, SessionPage, SessionSpeaker
from recap.questions.models import DelegateQuestion, QuestionStatus, QuestionVote
from recap.speakers.models import Speaker
from recap.writeups.models import WriteUpPage

pytestmark = [pytest.mark.django_db, pytest.mark.demo_command]

N = 12


def load_scale(n=N):
    out = io.StringIO()
    call_command("load_demo", "--scale", str(n), stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_load_demo_scale_builds_the_conference_shape():
    load_scale()

    event = EventPage.objects.get(slug=f"scale-{N}")
    sessions = SessionPage.objects.child_of(event)
    assert sessions.count() == N
    assert {s.local_start.date() for s in sessions}.__len__() == 3
    assert len(set(sessions.values_list("room", flat=True))) == 6
    assert Speaker.objects.filter(slug__contains=f"-s{N}-").count() + 1 == N * 3 // 2
    per_session = [SessionSpeaker.objects.filter(page=session).count() for session in sessions]
    assert min(per_session) >= 1 and max(per_session) <= 3
    busy = Speaker.objects.get(slug=f"busy-speaker-s{N}")
    assert SessionSpeaker.objects.filter(speaker=busy).count() >= 3
    # Each session its own abstract, so caches and sanitisers see N strings.
    assert len(set(sessions.values_list("abstract", flat=True))) == N
    approved = DelegateQuestion.objects.filter(event=event, status=QuestionStatus.APPROVED)
    assert approved.exists()
    assert QuestionVote.objects.filter(question__event=event).count() == sum(
        approved.values_list("votes", flat=True)
    )
    assert WriteUpPage.objects.live().filter(event_links__event=event).count() == 3
    # Bulk-built pages carry no revisions (only the write-ups have one).
    assert not Revision.page_revisions.filter(object_id__in=[str(s.pk) for s in sessions])


def test_load_demo_scale_pages_are_live_and_reachable(client):
    load_scale()

    event = EventPage.objects.get(slug=f"scale-{N}")
    session = SessionPage.objects.child_of(event).live().first()
    writeup = WriteUpPage.objects.filter(event_links__event=event).first()
    for url in (event.url, session.url, event.url + "programme.ics", writeup.url):
        assert client.get(url).status_code == 200, url
    assert client.get(f"/speakers/busy-speaker-s{N}/").status_code == 200
    # The tree's bookkeeping is what treebeard would have written.
    event_page = Page.objects.get(pk=event.pk)
    assert event_page.numchild == N
    assert event_page.get_children().count() == N
    assert Page.find_problems() == ([], [], [], [], [])


def test_load_demo_scale_twice_adds_nothing():
    load_scale()
    counts = (Page.objects.count(), Speaker.objects.count(), DelegateQuestion.objects.count())

    output = load_scale()

    assert (Page.objects.count(), Speaker.objects.count(), DelegateQuestion.objects.count()) == (
        counts
    )
    assert "already there" in output


def test_load_demo_scale_is_deterministic():
    load_scale()
    first = list(
        SessionPage.objects.order_by("path").values_list("title", "abstract", "start", "room__name")
    )
    for page in Page.objects.filter(slug__startswith=f"scale-{N}").specific():
        page.delete()
    Speaker.objects.all().delete()

    load_scale()

    again = list(
        SessionPage.objects.order_by("path").values_list("title", "abstract", "start", "room__name")
    )
    assert again == first


def test_load_demo_scale_refuses_zero():
    with pytest.raises(CommandError):
        load_scale(0)


def test_load_demo_scale_stores_the_cleaned_copies_saving_would():
    load_scale()

    event = EventPage.objects.get(slug=f"scale-{N}")
    records = [event, *SessionPage.objects.child_of(event).specific()]
    records += Speaker.objects.filter(slug__contains=f"-s{N}")
    assert len(records) == 1 + N + N * 3 // 2
    for record in records:
        for copy, source in type(record).cleaned_copies.items():
            assert getattr(record, copy) == rich_text_as_plain(getattr(record, source)), record
            assert getattr(record, copy)
