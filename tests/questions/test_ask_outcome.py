"""Where the ask form's outcome appears: next to the Send button, announced,
for every outcome (sent, waiting for a moderator, check your text, too soon,
too many, closed); without JavaScript the response lands on it."""

import datetime as dt
import re
import time
import uuid

import pytest
from django.utils import timezone
from django.utils.html import strip_tags

from recap.questions.forms import sign_started
from recap.questions.models import DelegateQuestion
from tests.factories import EventPageFactory, SessionPageFactory
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import question_settings

pytestmark = pytest.mark.django_db

OUTCOME = re.compile(
    r'<button type="submit" class="button">(?P<label>[^<]*)</button>\s*'
    r'<div class="recap-question-form__outcome" id="(?P<id>[\w-]+)"(?P<attrs>[^>]*)>'
    r"(?P<body>.*?)</form>",
    re.S,
)


def outcome_after_send(html):
    """The outcome the form shows right after its Send button: its id, its
    attributes, its markup and its text (what the delegate sees there)."""
    match = OUTCOME.search(html)
    assert match, "no outcome right after the form's Send button"
    body = match.group("body")
    return {
        "label": match.group("label").strip(),
        "id": match.group("id"),
        "attrs": match.group("attrs"),
        "body": body,
        "text": " ".join(strip_tags(body).split()),
    }


def test_ask_form_points_at_its_outcome_next_to_send(client, session):
    html = client.get(session.url).content.decode()

    assert f'action="{ask_url(session)}#ask-outcome"' in html
    outcome = outcome_after_send(html)
    assert outcome["id"] == "ask-outcome"
    assert outcome["label"] == "Send my question"
    # An empty live region, there from the start, so what is written into it is announced.
    assert 'role="status" aria-live="polite" data-recap-status' in outcome["body"]
    assert outcome["text"] == ""
    assert "autofocus" not in outcome["attrs"]


def test_ask_sent_for_moderation_lands_on_the_message_next_to_send(client, session):
    response = client.post(ask_url(session), ask_data())

    assert response["Location"].endswith("#ask-outcome")
    outcome = outcome_after_send(client.get(response["Location"]).content.decode())
    assert "Thank you: your question has been sent. A moderator will check it" in outcome["text"]
    assert 'role="status"' in outcome["body"]
    assert "autofocus" in outcome["attrs"]


def test_ask_shown_at_once_lands_on_the_message_next_to_send(client, session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()

    response = client.post(ask_url(session), ask_data(text="Shown at once, and said so"))

    assert response["Location"] == f"{session.url}?questions=recent#ask-outcome"
    html = client.get(response["Location"]).content.decode()
    outcome = outcome_after_send(html)
    assert "Thank you: your question is now shown." in outcome["text"]
    # The question itself comes first in the list, under the form.
    assert html.index("Shown at once, and said so") > html.index('id="ask-outcome"')


def test_ask_check_your_text_is_told_next_to_send_with_links_to_the_fields(client, session):
    response = client.post(ask_url(session), ask_data(text="Why?", name="Ada Sample"))

    assert response.status_code == 400
    html = response.content.decode()
    assert f'action="{ask_url(session)}#ask-outcome"' in html
    outcome = outcome_after_send(html)
    assert outcome["label"] == "Send again"
    assert "autofocus" in outcome["attrs"]
    assert 'role="alert"' in outcome["body"]
    assert "Nothing was sent yet." in outcome["text"]
    assert "Your question is too short" in outcome["text"]
    assert 'href="#id_text"' in outcome["body"]
    assert "Why?</textarea>" in html
    assert 'value="Ada Sample"' in html


def test_ask_too_soon_says_how_many_seconds_to_wait_and_keeps_the_text(client, session, settings):
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 60
    token = str(uuid.uuid4())
    sent = ask_data(text="A fast typer's question", submission_token=token)
    sent["started"] = sign_started(token, time.time())

    response = client.post(ask_url(session), sent)

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Please wait a few seconds</h1>" in html
    outcome = outcome_after_send(html)
    assert 'role="alert"' in outcome["body"]
    assert re.search(
        r"Wait (59|60) seconds, then send it again: your text is kept\.", outcome["text"]
    )
    assert "A fast typer&#x27;s question</textarea>" in html
    assert not DelegateQuestion.objects.exists()


def test_ask_too_many_is_told_next_to_send_again(client, session):
    for n in range(3):
        client.post(ask_url(session), ask_data(text=f"Question number {n} of a busy delegate"))

    response = client.post(ask_url(session), ask_data(text="A fourth question this minute"))

    assert response.status_code == 429
    html = response.content.decode()
    outcome = outcome_after_send(html)
    assert "You have sent several questions in the last minute" in outcome["text"]
    assert 'role="alert"' in outcome["body"]
    assert "A fourth question this minute</textarea>" in html


def test_ask_closed_is_told_at_the_address_the_form_pointed_at(client, session):
    session.start = timezone.now() - dt.timedelta(hours=2)
    session.end = timezone.now() - dt.timedelta(hours=1)
    session.save_revision().publish()

    response = client.post(ask_url(session), ask_data())

    assert response.status_code == 403
    message = re.search(r'<p [^>]*id="ask-outcome"[^>]*>([^<]*)</p>', response.content.decode())
    assert message and "Questions for this session are closed" in message.group(1)
    assert 'role="alert"' in message.group(0) and "autofocus" in message.group(0)


def test_show_on_a_screen_is_at_the_foot_of_the_questions_away_from_send(client, session):
    html = client.get(session.url).content.decode()

    link = html.index("Show the questions on a screen")
    assert link > html.index("</form>")
    assert link > html.index("Questions from delegates")
    assert "Show the questions on a screen" not in outcome_after_send(html)["body"]


def test_ask_json_too_soon_gives_the_script_the_wait_and_what_to_say(client, session, settings):
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 5
    token = str(uuid.uuid4())
    sent = ask_data(submission_token=token)
    sent["started"] = sign_started(token, time.time() - 2)

    data = client.post(ask_url(session), sent, HTTP_ACCEPT="application/json").json()

    assert data["wait"] in (2, 3)
    assert f"will be sent in {data['wait']} seconds" in data["waiting_message"]
    assert "Wait" in data["message"]
    # Sent again with the fields it gave, once the wait is over: stored.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    again = ask_data(**data["form"])
    assert client.post(ask_url(session), again).status_code == 302
    assert DelegateQuestion.objects.count() == 1


def under_way(**settings_values):
    """A published session that started ten minutes ago, in an event on now."""
    now = timezone.now()
    event = EventPageFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=8))
    session = SessionPageFactory(
        parent=event,
        title="A panel under way",
        start=now - dt.timedelta(minutes=10),
        end=now + dt.timedelta(minutes=35),
    )
    if settings_values:
        question_settings(session, **settings_values)
    session.save_revision().publish()
    return session


def header(html):
    return re.search(r'<header class="page-header session__header">(.*?)</header>', html, re.S)[1]


def test_session_under_way_has_ask_a_question_near_its_top(client, db):
    session = under_way()

    html = client.get(session.url).content.decode()

    assert '<a class="button" href="#ask-question">Ask a question</a>' in header(html)
    assert 'id="ask-question"' in html


def test_session_not_started_has_no_ask_link_at_its_top(client, session):
    html = client.get(session.url).content.decode()

    assert 'href="#ask-question"' not in header(html)


def test_session_under_way_with_questions_closed_has_no_ask_link(client, db):
    session = under_way(questions_open=False)

    html = client.get(session.url).content.decode()

    assert 'href="#ask-question"' not in html


def test_vote_without_javascript_is_thanked_at_the_top_not_next_to_send(client, session):
    from tests.questions.factories import DelegateQuestionFactory, page_browser

    question = DelegateQuestionFactory(session=session)
    client.post(f"/q/vote/{question.pk}/", page_browser())

    html = client.get(session.url).content.decode()

    assert "Thank you for your vote." in html
    assert "Thank you for your vote." not in outcome_after_send(html)["body"]
    assert "autofocus" not in outcome_after_send(html)["attrs"]
