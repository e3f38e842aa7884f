"""The public ask form: every rule, as a delegate meets it."""

import json
import re
import time
import uuid

import pytest

from recap.questions.forms import sign_started
from recap.questions.identity import COOKIE_NAME
from recap.questions.models import DelegateQuestion, QuestionSource, QuestionStatus
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory, question_settings

pytestmark = pytest.mark.django_db


def test_ask_valid_question_is_stored_pending_and_redirects_back(client, session):
    response = client.post(ask_url(session), ask_data())

    assert response.status_code == 302
    assert response["Location"] == f"{session.url}#ask-outcome"
    question = DelegateQuestion.objects.get()
    assert question.text == "What is the role of IC pros in social media?"
    assert question.status == QuestionStatus.PENDING
    assert question.source == QuestionSource.ONLINE
    assert question.session_id == session.pk
    assert question.event_id == session.get_parent().pk


def test_ask_confirmation_says_it_waits_for_a_moderator(client, session):
    response = client.post(ask_url(session), ask_data(), follow=True)

    assert "A moderator will check it before it is shown" in response.content.decode()


def test_ask_auto_approve_session_publishes_at_once(client, session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()

    client.post(ask_url(session), ask_data())

    assert DelegateQuestion.objects.get().status == QuestionStatus.APPROVED


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Write your question before sending it."),
        ("   \n\t  ", "Write your question before sending it."),
        ("Why?", "Your question is too short: write at least 10 characters."),
        ("x" * 501, "Your question is 501 characters long: keep it to 500"),
        ("<b></b><i>short</i>", "too short"),
    ],
)
def test_ask_refuses_bad_length_with_a_clear_message(client, session, text, message):
    response = client.post(ask_url(session), ask_data(text=text))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DelegateQuestion.objects.exists()


def test_ask_accepts_exactly_500_characters_after_trimming(client, session):
    client.post(ask_url(session), ask_data(text="  " + "y" * 500 + "  \n"))

    assert DelegateQuestion.objects.get().text == "y" * 500


def test_ask_refusal_keeps_the_typed_text_and_details(client, session):
    response = client.post(
        ask_url(session), ask_data(text="Too short", name="Ada Example", organisation="Acme")
    )

    html = response.content.decode()
    assert "Too short</textarea>" in html
    assert 'value="Ada Example"' in html
    assert 'value="Acme"' in html


def test_ask_email_without_consent_is_refused_with_a_clear_message(client, session):
    response = client.post(ask_url(session), ask_data(email="ada@example.org"))

    assert response.status_code == 400
    assert "Tick this box if we may keep your email address" in response.content.decode()
    assert not DelegateQuestion.objects.exists()


def test_ask_email_with_consent_is_stored_privately(client, session):
    client.post(ask_url(session), ask_data(email="ada@example.org", email_consent="on"))

    question = DelegateQuestion.objects.get()
    assert question.email == "ada@example.org"
    assert question.email_consent is True


def test_ask_invalid_email_is_refused(client, session):
    response = client.post(ask_url(session), ask_data(email="not-an-email", email_consent="on"))

    assert response.status_code == 400
    assert "Enter a whole email address" in response.content.decode()


def fast_data(**overrides):
    """An ask-form post sent the moment the form was shown (a fast person or a bot)."""
    token = str(uuid.uuid4())
    return ask_data(submission_token=token, started=sign_started(token, time.time()), **overrides)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(
            lambda: ask_data(website="http://spam.example"),
            "Check your question and send it again",
            id="honeypot",
        ),
        # A person who types fast is told how long to wait (the default minimum, 3 s).
        pytest.param(fast_data, "Wait 3 seconds, then send it again", id="too-fast"),
        pytest.param(
            lambda: ask_data(started="1000000000.0"),
            "Check your question and send it again",
            id="forged-start",
        ),
    ],
)
def test_ask_bot_check_stores_nothing_and_never_thanks(client, session, data, message):
    response = client.post(ask_url(session), data(), follow=True)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Thank you" not in html
    assert not DelegateQuestion.objects.exists()


def test_ask_too_fast_person_gets_the_form_back_with_text_and_sends_it(client, session, settings):
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 3
    first = client.post(ask_url(session), fast_data(text="A quick but genuine question"))
    html = first.content.decode()
    assert "A quick but genuine question</textarea>" in html
    token = re.search(r'name="submission_token" value="([^"]+)"', html).group(1)
    started = re.search(r'name="started" value="([^"]+)"', html).group(1)

    # The new start value counts from when the form was first shown.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    second = client.post(
        ask_url(session),
        ask_data(text="A quick but genuine question", submission_token=token, started=started),
    )

    assert second.status_code == 302
    assert DelegateQuestion.objects.get().text == "A quick but genuine question"


def test_ask_too_fast_json_says_how_long_to_wait_with_a_new_token(client, session):
    sent = fast_data()

    response = client.post(ask_url(session), sent, HTTP_ACCEPT="application/json")

    data = response.json()
    assert response.status_code == 400
    assert data["ok"] is False
    assert data["wait"] == 3
    assert data["waiting_message"].endswith("Your question will be sent in 3 seconds.")
    assert data["form"]["submission_token"] != sent["submission_token"]
    assert not DelegateQuestion.objects.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Why?", "Your question is too short"),
        ("", "Write your question before sending it."),
        ("x" * 501, "keep it to 500"),
    ],
)
def test_ask_fast_invalid_question_gets_the_validation_message_first(
    client, session, text, message
):
    response = client.post(ask_url(session), fast_data(text=text), follow=True)

    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Thank you" not in html
    assert not DelegateQuestion.objects.exists()


def test_ask_honeypot_with_a_short_question_gets_the_validation_message(client, session):
    response = client.post(ask_url(session), ask_data(text="Why?", website="spam"))

    assert response.status_code == 400
    assert "Your question is too short" in response.content.decode()


def test_ask_auto_approve_confirmation_says_it_is_shown(client, session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()

    response = client.post(ask_url(session), ask_data(), follow=True)

    html = response.content.decode()
    assert "Thank you: your question is now shown." in html
    assert "A moderator will check it" not in html


def test_ask_auto_approve_form_does_not_promise_a_moderator(client, session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()

    html = client.get(session.url).content.decode()

    assert "Your question is shown here as soon as you send it." in html
    assert "A moderator checks questions" not in html


def test_ask_auto_approve_lands_on_the_page_that_shows_the_question(client, session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()
    for n in range(25):  # more voted questions than one page holds
        DelegateQuestionFactory(session=session, votes=n + 1)

    response = client.post(ask_url(session), ask_data(text="My brand new question, shown"))

    assert DelegateQuestion.objects.filter(text="My brand new question, shown").exists()
    assert response["Location"] == f"{session.url}?questions=recent#ask-outcome"
    landed = client.get(response["Location"]).content.decode()
    assert "My brand new question, shown" in landed
    assert "Thank you: your question is now shown." in landed


def test_ask_auto_approve_json_gives_the_list_item_to_show(client, session):
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()

    data = client.post(ask_url(session), ask_data(), HTTP_ACCEPT="application/json").json()

    question = DelegateQuestion.objects.get()
    assert data["question"]["status"] == "approved"
    assert f'id="question-{question.pk}"' in data["question"]["html"]
    assert "What is the role of IC pros in social media?" in data["question"]["html"]
    assert (
        f'value="{session.url}?questions=recent#question-{question.pk}"'
        in (data["question"]["html"])
    )


def test_ask_pending_json_has_no_list_item(client, session):
    data = client.post(ask_url(session), ask_data(), HTTP_ACCEPT="application/json").json()

    assert "html" not in data["question"]


def test_ask_same_token_twice_stores_once_and_confirms_both(client, session):
    token = str(uuid.uuid4())

    first = client.post(ask_url(session), ask_data(submission_token=token))
    second = client.post(ask_url(session), ask_data(submission_token=token))

    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"]
    assert DelegateQuestion.objects.count() == 1


def test_ask_two_tabs_with_their_own_tokens_store_both(client, session):
    client.post(ask_url(session), ask_data(submission_token=str(uuid.uuid4())))
    client.post(ask_url(session), ask_data(submission_token=str(uuid.uuid4())))

    assert DelegateQuestion.objects.count() == 2


def test_ask_fourth_question_in_a_minute_gets_429_and_keeps_text(client, session):
    for n in range(3):
        assert (
            client.post(ask_url(session), ask_data(text=f"Question number {n}")).status_code == 302
        )

    response = client.post(ask_url(session), ask_data(text="My fourth question, kept"))

    assert response.status_code == 429
    html = response.content.decode()
    assert "Please wait a minute" in html
    assert "My fourth question, kept</textarea>" in html
    assert DelegateQuestion.objects.count() == 3


def test_ask_rate_limit_is_per_browser_not_per_venue(client, session):
    from django.test import Client

    for n in range(3):
        client.post(ask_url(session), ask_data(text=f"Question number {n}"))
    neighbour = Client()  # another delegate on the same Wi-Fi (same IP)

    response = neighbour.post(ask_url(session), ask_data(text="A neighbour's question"))

    assert response.status_code == 302
    assert DelegateQuestion.objects.count() == 4


def test_ask_retry_of_a_stored_question_is_not_rate_limited(client, session):
    tokens = [str(uuid.uuid4()) for _ in range(3)]
    for n, token in enumerate(tokens):
        client.post(ask_url(session), ask_data(text=f"Question number {n}", submission_token=token))

    response = client.post(
        ask_url(session), ask_data(text="Question number 0", submission_token=tokens[0])
    )

    assert response.status_code == 302


def test_ask_closed_session_refuses(client, session):
    question_settings(session, questions_open=False)
    session.save_revision().publish()

    response = client.post(ask_url(session), ask_data())

    assert response.status_code == 403
    assert "Questions for this session are closed" in response.content.decode()
    assert not DelegateQuestion.objects.exists()


def test_ask_without_csrf_token_is_refused(session):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(ask_url(session), ask_data())

    assert response.status_code == 403
    assert not DelegateQuestion.objects.exists()


def test_ask_json_success_returns_a_fresh_token(client, session):
    response = client.post(ask_url(session), ask_data(), HTTP_ACCEPT="application/json")

    data = response.json()
    assert data["ok"] is True
    assert data["question"]["status"] == "pending"
    assert uuid.UUID(data["form"]["submission_token"])
    assert "email" not in data["question"]


def test_ask_json_errors_name_the_field(client, session):
    response = client.post(ask_url(session), ask_data(text="short"), HTTP_ACCEPT="application/json")

    assert response.status_code == 400
    assert "too short" in response.json()["errors"]["text"][0]


def test_ask_json_rate_limited_is_429(client, session):
    for n in range(3):
        client.post(ask_url(session), ask_data(text=f"Question number {n}"))

    response = client.post(ask_url(session), ask_data(), HTTP_ACCEPT="application/json")

    assert response.status_code == 429
    assert response.json()["ok"] is False


def test_short_url_redirects_to_the_ask_form(client, session):
    response = client.get(ask_url(session))

    assert response.status_code == 302
    assert response["Location"] == f"{session.url}#ask-question"


def test_short_url_of_unpublished_session_is_404(client, session):
    session.unpublish()

    assert client.get(ask_url(session)).status_code == 404


def test_asker_sees_own_pending_question_only_in_their_browser(client, session):
    from django.test import Client

    client.post(ask_url(session), ask_data(text="My pending question, mine only"))

    mine = client.get(session.url).content.decode()
    theirs_response = Client().get(session.url)
    theirs = theirs_response.content.decode()

    assert "My pending question, mine only" in mine
    assert "Your questions waiting for a moderator" in mine
    assert theirs_response.status_code == 200 and session.title in theirs
    assert "My pending question, mine only" not in theirs


def test_ask_sets_a_signed_browser_cookie_and_stores_only_its_hash(client, session):
    client.post(ask_url(session), ask_data())

    cookie = client.cookies[COOKIE_NAME].value
    question = DelegateQuestion.objects.get()
    assert len(question.asker_key) == 64
    assert cookie.split(":")[0] not in question.asker_key
    assert client.cookies[COOKIE_NAME]["httponly"]


def test_no_ip_address_is_stored(client, session):
    client.post(ask_url(session), ask_data(), REMOTE_ADDR="203.0.113.77")

    row = DelegateQuestion.objects.values().get()
    assert row["text"] == ask_data()["text"]
    assert "203.0.113.77" not in json.dumps(row, default=str)


def test_session_page_is_never_publicly_cached(client, session):
    response = client.get(session.url)

    assert "private" in response["Cache-Control"]
    assert "Cookie" in response["Vary"]


def test_ask_page_shows_nothing_for_a_closed_session_but_the_notice(client, session):
    question_settings(session, questions_open=False)
    session.save_revision().publish()

    html = client.get(session.url).content.decode()

    assert "Questions for this session are closed." in html
    assert "data-recap-ask" not in html


def test_ask_per_ip_limit_stops_a_flood_from_many_browsers(client, session, settings):
    from django.test import Client

    settings.RECAP_QUESTIONS_RATES = {"ask": {"ip": "2/m"}}
    for n in range(2):
        Client().post(ask_url(session), ask_data(text=f"Question number {n}"))

    response = Client().post(ask_url(session), ask_data(text="One browser too many"))

    assert response.status_code == 429
    assert DelegateQuestion.objects.count() == 2


def test_ask_email_consent_checkbox_comes_before_its_label(client, session):
    html = client.get(session.url).content.decode()

    box = html.index('<input type="checkbox" name="email_consent"')
    label = html.index('<label for="ask-email_consent">')
    assert box < label
    # Both in one row of their own, so the label sits beside the box.
    row = html[html.rindex("<div", 0, box) : html.index("</div>", label)]
    assert 'class="recap-question-form__checkbox"' in row
