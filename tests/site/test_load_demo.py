"""The demo content: the story, fictional throughout, loaded idempotently, offline."""

import io
import json
from urllib.parse import urlsplit

import pytest
from django.core import serializers
from django.core.management import call_command
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import Page, Revision, Site

from home.models import HomePage
from recap.events.models import EventPage, SessionPage
from recap.questions.models import (
    DelegateQuestion,
    QuestionStatus,
    QuestionVote,
    SessionQuestionSettings,
)
from recap.resources.models import Resource, ResourceKind, Topic
from recap.speakers.models import Speaker
from recap.writeups.models import WriteUpPage
from tests.network import refuse_network
from tests.snapshots import demo_for_module

# On the worker that loads the demo for every module that reads it (the
# `demo` group, tests/conftest.py): it is loaded once per run.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.demo_command,
    pytest.mark.xdist_group("demo"),
]

# Names from the blog post the story is based on: none may appear in the demo.
REAL_NAMES = [
    "Share This Live",
    "Microsoft",
    "Dachis",
    "Hinchcliffe",
    "Altimeter",
    "Telef",
    "Ronan",
    "Solis",
    "Rachel Miller",
    "All Things IC",
    "AllthingsIC",
    "b2bhuddle",
    "Conversation Prism",
]


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a network connection fails the test."""
    refuse_network(monkeypatch)


@pytest.fixture(scope="module")
def demo(demo_snapshot, django_db_blocker):
    """The demo as the command left it, for the module: the worker loads it
    once, offline (`demo_snapshot`), and each test runs in a savepoint of a
    transaction rolled back after the module. The command's output (--quiet)."""
    with demo_for_module(demo_snapshot, django_db_blocker) as loaded:
        yield loaded.output


def load_demo(*args):
    out = io.StringIO()
    call_command("load_demo", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def record_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "speakers": Speaker.objects.count(),
        "resources": Resource.objects.count(),
        "topics": Topic.objects.count(),
        "images": get_image_model().objects.count(),
        "questions": DelegateQuestion.objects.count(),
        "votes": QuestionVote.objects.count(),
    }


def test_load_demo_replaces_the_welcome_page_with_the_site_tree(demo):
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage)
    assert not Page.objects.filter(title__startswith="Welcome to your new Wagtail site").exists()
    children = {page.slug: type(page.specific).__name__ for page in home.get_children()}
    assert children == {
        "events": "EventIndexPage",
        "speakers": "SpeakerIndexPage",
        "write-ups": "WriteUpIndexPage",
        "topics": "TopicIndexPage",
        "resources": "ResourceLibraryPage",
    }


def test_load_demo_twice_creates_and_changes_nothing(demo, no_network):
    first_output = demo
    before = record_counts()
    last_published = dict(Page.objects.values_list("pk", "last_published_at"))

    output = load_demo()

    assert record_counts() == before
    assert dict(Page.objects.values_list("pk", "last_published_at")) == last_published
    assert "nothing to change" in output
    assert "speakers: 0 created, 13 already there" in output
    assert first_output == ""  # --quiet


def test_load_demo_tells_the_panel_story(demo):
    maya = Speaker.objects.get(slug="maya-ellison")
    conference = EventPage.objects.get(slug="open-channels-live")
    assert conference.city == "London"
    assert str(conference.tz) == "Europe/London"
    assert conference.end < timezone.now()
    panel = SessionPage.objects.get(slug="inside-out")
    roles = {link.speaker.slug: link.role for link in panel.speaker_links.all()}
    assert roles["maya-ellison"] == "panellist"
    assert "moderator" in roles.values()
    kinds = set(SessionPage.objects.child_of(conference).values_list("kind", flat=True))
    assert {"keynote", "panel", "break"} <= kinds

    # The evening event, the day after, with one speaker.
    evening = EventPage.objects.get(slug="b2b-commons-evening")
    assert (evening.local_start.date() - conference.local_start.date()).days == 1
    assert evening.local_start.hour >= 17
    evening_speakers = {
        link.speaker.slug
        for session in SessionPage.objects.child_of(evening)
        for link in session.speaker_links.all()
    }
    assert len(evening_speakers) == 1

    writeup = WriteUpPage.objects.get(slug="who-owns-social-media-at-work")
    assert writeup.author == maya
    # One post covers the conference and the evening talk.
    assert [event.pk for event in writeup.covered_events()] == [conference.pk, evening.pk]
    assert 0 < (writeup.date - conference.local_start.date()).days <= 14
    blocks = {block.block_type: block.value for block in writeup.body}
    assert {"text", "quote", "video", "resource", "image", "takeaways", "question"} <= set(blocks)
    assert blocks["quote"]["speaker"] is not None
    assert urlsplit(blocks["video"]["video"].url).hostname == "video.example"
    assert blocks["call_to_action"]["invite_responses"] is True

    cited = blocks["question"]["question"]
    assert cited.session_id == panel.pk
    assert "internal communicators" in cited.text
    assert cited.answered_in_id == writeup.pk
    assert cited.status == QuestionStatus.ANSWERED

    resource_kinds = {link.resource.kind for link in writeup.resource_links.all()}
    assert {
        ResourceKind.ARTICLE,
        ResourceKind.RESEARCH,
        ResourceKind.BOOK,
        ResourceKind.IMAGE,
    } <= resource_kinds
    assert Resource.objects.get(kind=ResourceKind.IMAGE, title__icontains="maturity").image

    # Delegate questions: approved, voted on (the counter matches the vote rows),
    # one highlighted, no private data.
    public = DelegateQuestion.objects.exclude(status=QuestionStatus.PENDING)
    assert public.filter(highlighted=True).exists()
    for question in public:
        assert QuestionVote.objects.filter(question=question).count() == question.votes
    assert public.filter(votes__gt=0).count() >= 3
    assert not DelegateQuestion.objects.exclude(email="").exists()


def test_load_demo_has_upcoming_events_and_one_on_now(demo):
    now = timezone.now()
    upcoming = EventPage.objects.live().filter(start__gt=now)
    on_now = EventPage.objects.live().filter(start__lte=now, end__gte=now)
    assert upcoming.count() >= 2
    assert on_now.count() == 1
    live = on_now.get()
    assert SessionPage.objects.child_of(live).filter(start__lte=now, end__gt=now).exists()
    assert SessionPage.objects.child_of(live).filter(start__gt=now).exists()

    # Pictures drawn locally, and topics on every event.
    assert not Speaker.objects.filter(photo__isnull=True).exists()
    for event in EventPage.objects.all():
        assert event.topics.exists(), event.title
    assert EventPage.objects.get(slug="open-channels-live").gallery_images.count() >= 3
    # Every demo picture is a real image file drawn locally.
    image = Speaker.objects.get(slug="maya-ellison").photo
    assert (image.width, image.height) == (400, 400)


def test_load_demo_gives_sessions_their_question_settings(demo):
    registration = SessionQuestionSettings.objects.get(session__slug="registration")
    ask_me = SessionQuestionSettings.objects.get(session__slug="ask-me-anything-social")

    assert not registration.questions_open
    assert ask_me.questions_open and ask_me.questions_auto_approve


def test_load_demo_is_fictional_and_offline(demo):
    dumped = serializers.serialize(
        "json",
        [
            *Page.objects.all(),
            *EventPage.objects.all(),
            *SessionPage.objects.all(),
            *WriteUpPage.objects.all(),
            *Speaker.objects.all(),
            *Resource.objects.all(),
            *DelegateQuestion.objects.all(),
        ],
    )
    for name in REAL_NAMES:
        assert name.lower() not in dumped.lower(), name
    urls = [
        value
        for record in json.loads(dumped)
        for value in record["fields"].values()
        if isinstance(value, str) and value.startswith(("http://", "https://"))
    ]
    assert urls
    for url in urls:
        assert urlsplit(url).hostname.endswith(".example"), url


def test_load_demo_has_the_french_site(demo):
    from wagtail.models import Locale

    french = Locale.objects.get(language_code="fr")
    conference = EventPage.objects.get(slug="open-channels-live")
    en_sessions = SessionPage.objects.child_of(conference)
    fr_conference = conference.get_translation(french)
    fr_sessions = SessionPage.objects.child_of(fr_conference)

    assert fr_conference.live
    assert fr_conference.start == conference.start
    assert fr_sessions.live().count() == en_sessions.count()
    assert "Écouter à grande échelle : qui répond pour la marque ?" in [
        session.title for session in fr_sessions
    ]
    # Each French session in the French event's own rooms.
    assert all(s.room is None or s.room.page_id == fr_conference.pk for s in fr_sessions)
    assert fr_conference.url == "/fr/evenements/journee-open-channels-live/"
    assert fr_conference.get_parent().get_parent().specific.title == "Recap"


def test_load_demo_twice_keeps_one_french_copy_of_each_page(demo):
    from wagtail.models import Locale

    french = Locale.objects.get(language_code="fr")
    before = Page.objects.filter(locale=french).count()

    load_demo("--quiet")
    load_demo("--refresh-dates", "--quiet")

    assert Page.objects.filter(locale=french).count() == before
    assert Locale.objects.filter(language_code="fr").count() == 1
    assert (
        before
        == 1
        + 5
        + 1
        + SessionPage.objects.child_of(EventPage.objects.get(slug="open-channels-live")).count()
    )


def test_french_demo_sessions_are_in_the_french_events_rooms(demo):
    french = SessionPage.objects.filter(locale__language_code="fr").exclude(room=None)

    assert french.exists()
    for session in french:
        assert session.room.page_id == session.get_parent().pk, session.title
    assert "Grande salle" in {session.room_name for session in french}


def test_load_demo_panel_has_a_recording_with_captions_chapters_and_transcript(demo):
    panel = SessionPage.objects.get(slug="inside-out")

    assert panel.video_type == "video/webm"  # a <video> with its captions <track>
    assert panel.captions_vtt.startswith("WEBVTT")
    assert "who speaks for us?" in panel.transcript_text
    assert [chapter.title for chapter in panel.chapter_list][-1] == "Questions from the room"
    assert panel.following.sign_language
    answered = DelegateQuestion.objects.filter(session=panel).exclude(answered_in_chapter=None)
    assert [q.answered_in_chapter.title for q in answered] == ["Questions from the room"]


def test_load_demo_has_speaker_materials_approved_and_waiting(demo):
    from recap.materials.models import MaterialSubmission, SubmissionStatus

    panel = SessionPage.objects.get(slug="inside-out")
    sent = MaterialSubmission.objects.filter(session=panel)
    approved = sent.get(status=SubmissionStatus.APPROVED)
    assert approved.speaker.slug == "maya-ellison"
    assert approved.link is not None
    slides = [
        link.resource for link in panel.resource_links.all() if link.resource.kind == "slides"
    ]
    assert [resource.url for resource in slides] == [approved.slides_url]
    assert sent.filter(status=SubmissionStatus.PENDING).count() == 1
