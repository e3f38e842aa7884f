"""A session that has ended no longer invites questions; breaks never do."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import Site

from recap.questions.models import DelegateQuestion, QuestionStatus
from recap.questions.shortcodes import session_code
from tests.factories import SessionPageFactory, SpeakerFactory, WriteUpPageFactory, add_speaker
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory, question_settings
from tests.questions.test_query_counts import render_session_questions

pytestmark = pytest.mark.django_db

CLOSED = "Questions for this session are closed."


def ended(session):
    """The session, moved so that it ended an hour ago (published)."""
    session.start = timezone.now() - dt.timedelta(hours=2)
    session.end = timezone.now() - dt.timedelta(hours=1)
    session.save_revision().publish()
    session.refresh_from_db()
    return session


def test_ended_session_shows_closed_notice_instead_of_the_form_and_keeps_the_list(client, session):
    DelegateQuestionFactory(session=session, text="Asked while it was on")
    ended(session)

    html = client.get(session.url).content.decode()

    assert CLOSED in html
    assert "data-recap-ask" not in html
    assert "Asked while it was on" in html


def test_running_session_still_invites_questions(client, session):
    session.start = timezone.now() - dt.timedelta(minutes=10)
    session.end = timezone.now() + dt.timedelta(minutes=30)
    session.save_revision().publish()

    html = client.get(session.url).content.decode()

    assert "data-recap-ask" in html
    assert CLOSED not in html


def test_questions_close_at_after_the_end_keeps_questions_open(client, session):
    ended(session)
    question_settings(session, questions_close_at=timezone.now() + dt.timedelta(hours=1))
    session.save_revision().publish()

    assert "data-recap-ask" in client.get(session.url).content.decode()


def test_closed_session_links_to_the_writeup_that_answers_its_questions(client, session):
    writeup = WriteUpPageFactory(title="What the panel said")
    draft = WriteUpPageFactory(title="A draft answer")
    DelegateQuestionFactory(session=session, status=QuestionStatus.ANSWERED, answered_in=writeup)
    DelegateQuestionFactory(session=session, status=QuestionStatus.ANSWERED, answered_in=draft)
    draft.unpublish()
    ended(session)

    html = client.get(session.url).content.decode()

    assert f'<a href="{writeup.url}">What the panel said</a>' in html
    assert "A draft answer" not in html


def test_closed_session_without_answers_has_no_answer_link(client, session):
    ended(session)

    html = client.get(session.url).content.decode()

    assert "Read the answers in" not in html


def test_post_to_an_ended_session_is_refused_with_a_message_and_no_form(client, session):
    ended(session)

    response = client.post(ask_url(session), ask_data(text="Too late, but kept to copy"))

    html = response.content.decode()
    assert response.status_code == 403
    assert "Questions for this session are closed: your question was not sent." in html
    assert "Too late, but kept to copy" in html
    assert "data-recap-ask" not in html
    assert not DelegateQuestion.objects.exists()


def test_short_url_of_an_ended_session_lands_on_its_questions(client, session):
    ended(session)

    response = client.get(ask_url(session))

    assert response["Location"] == f"{session.url}#questions"


def test_post_to_an_ended_session_as_json_is_403(client, session):
    ended(session)

    response = client.post(ask_url(session), ask_data(), HTTP_ACCEPT="application/json")

    assert response.status_code == 403
    assert response.json()["ok"] is False
    assert not DelegateQuestion.objects.exists()


def test_post_with_garbage_to_a_closed_session_is_still_403(client, session):
    ended(session)

    response = client.post(ask_url(session), {"text": "\x00" * 3, "submission_token": "nope"})

    assert response.status_code == 403


@pytest.mark.parametrize("kind", ["break", "networking"])
def test_break_has_no_questions_section_and_refuses_posts(client, db, kind):
    lunch = SessionPageFactory(title="Lunch", kind=kind)

    html = client.get(lunch.url).content.decode()
    response = client.post(ask_url(lunch), ask_data())

    assert 'id="questions"' not in html
    assert "Ask a question" not in html
    assert response.status_code == 403
    assert not DelegateQuestion.objects.exists()


def test_other_kind_without_speakers_has_no_questions_section(client, db):
    registration = SessionPageFactory(title="Registration", kind="other")

    assert 'id="questions"' not in client.get(registration.url).content.decode()


def test_other_kind_with_a_host_keeps_its_questions_section(client, db):
    welcome = SessionPageFactory(title="Welcome", kind="other")
    add_speaker(welcome, SpeakerFactory(), role="host")

    assert "data-recap-ask" in client.get(welcome.url).content.decode()


def test_present_mode_of_an_ended_session_says_questions_are_closed(client, session):
    ended(session)

    html = client.get(f"/q/{session_code(session)}/present/").content.decode()
    data = client.get(f"/q/{session_code(session)}/present.json").json()

    assert CLOSED in html
    assert "data-recap-open hidden" in html
    assert data["closed"] is True


def test_present_mode_of_an_open_session_shows_the_code_to_scan(client, session):
    html = client.get(f"/q/{session_code(session)}/present/").content.decode()
    data = client.get(f"/q/{session_code(session)}/present.json").json()

    assert "data-recap-closed hidden" in html
    assert data["closed"] is False


def test_present_json_changes_when_the_session_ends_by_the_clock(client, session, monkeypatch):
    url = f"/q/{session_code(session)}/present.json"
    first = client.get(url)
    later = session.end + dt.timedelta(minutes=1)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)
    cache.clear()  # the cached version expires within seconds; no sleeping here

    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.json()["closed"] is False
    assert second.status_code == 200
    assert second.json()["closed"] is True


@pytest.mark.parametrize("count", [5, 25])
def test_closed_session_questions_queries_do_not_grow(
    django_assert_max_num_queries, session, count
):
    writeups = WriteUpPageFactory.create_batch(3)
    for n in range(count):
        DelegateQuestionFactory(
            session=session, status=QuestionStatus.ANSWERED, answered_in=writeups[n % 3]
        )
    ended(session)

    # Wagtail keeps its site root paths cached (an hour); with i18n, working
    # them out takes one query more (the root page's translations).
    Site.get_site_root_paths()

    # As open (page, own pending, votes, site), plus the private sections, the
    # answering pages and their URLs' site lookup (a page's request has it already),
    # and the settings' one (see test_session_questions_tag_queries_do_not_grow).
    with django_assert_max_num_queries(9):
        html = render_session_questions(session)

    assert CLOSED in html
    assert html.count("<li><a href=") == 3
