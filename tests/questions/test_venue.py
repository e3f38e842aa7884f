"""A whole venue behind one IP: many browsers get through, one abuser does
not; a form's start value counts once; a vote counts once per browser, even
on its first click; a form sent again with another text is never dropped
silently."""

import html
import re
import time
import uuid
from types import SimpleNamespace

import pytest
from django.test import Client, RequestFactory

from recap.questions.forms import sign_started
from recap.questions.models import DelegateQuestion, QuestionVote
from recap.questions.ratelimit import over_limit
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

VENUE_IP = "203.0.113.10"


@pytest.fixture(autouse=True)
def _one_rate_window(monkeypatch):
    """Rate limits count in fixed windows: keep each test inside one, so a
    window that ends mid-test cannot reset the counts."""
    now = time.time()
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: now))


def browser_request(number):
    """A POST from browser `number`, from the venue's IP. (The id is set as
    `ensure_browser_id` leaves it, to keep thousands of requests cheap.)"""
    request = RequestFactory().post("/q/vote/1/", REMOTE_ADDR=VENUE_IP)
    request._recap_browser_id = f"venue-browser-{number:06d}"
    return request


def hidden_value(page, name):
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else None


def test_venue_a_minute_of_a_full_room_from_one_ip_is_never_limited():
    # A 2,000-seat room at its busiest, for a minute: 5 questions and 100
    # votes a second, every delegate in their own browser, one IP.
    asks = [over_limit(browser_request(n), "ask") for n in range(5 * 60)]
    votes = [over_limit(browser_request(n % 2000), "vote") for n in range(100 * 60)]

    assert asks.count(None) == len(asks)
    assert votes.count(None) == len(votes)


def test_venue_one_browser_over_its_limit_gets_429_without_using_up_the_venue(session, settings):
    settings.RECAP_QUESTIONS_RATES = {"ask": {"browser": "3/m", "ip": "6/m"}}
    abuser = Client(REMOTE_ADDR=VENUE_IP)
    codes = [
        abuser.post(ask_url(session), ask_data(text=f"Spam number {n} again")).status_code
        for n in range(20)
    ]
    refused = abuser.post(ask_url(session), ask_data(text="Spam number 21 again"))

    neighbours = [
        Client(REMOTE_ADDR=VENUE_IP).post(ask_url(session), ask_data(text=f"Neighbour {n} asks"))
        for n in range(3)
    ]

    assert codes == [302] * 3 + [429] * 17
    assert refused.status_code == 429
    assert "You have sent several questions in the last minute" in refused.content.decode()
    assert [r.status_code for r in neighbours] == [302] * 3


def test_venue_over_the_ip_limit_says_the_network_is_busy(session, settings):
    settings.RECAP_QUESTIONS_RATES = {"ask": {"ip": "2/m"}}
    for n in range(2):
        Client(REMOTE_ADDR=VENUE_IP).post(ask_url(session), ask_data(text=f"Question {n} here"))

    response = Client(REMOTE_ADDR=VENUE_IP).post(ask_url(session), ask_data())

    assert response.status_code == 429
    assert "from your network" in response.content.decode()


def test_fill_time_start_value_with_another_token_is_refused_never_thanked(client, session):
    started = sign_started(uuid.uuid4(), time.time() - 60)

    response = client.post(
        ask_url(session), ask_data(started=started, submission_token=str(uuid.uuid4()))
    )

    assert response.status_code == 400
    assert "Check your question and send it again" in response.content.decode()
    assert not DelegateQuestion.objects.exists()


def test_fill_time_expired_form_is_shown_again_with_its_text_and_a_new_token(client, session):
    token = str(uuid.uuid4())
    data = ask_data(
        text="Asked after a long day",
        submission_token=token,
        started=sign_started(token, time.time() - 13 * 60 * 60),
    )

    response = client.post(ask_url(session), data)
    page = response.content.decode()
    again = client.post(
        ask_url(session),
        ask_data(
            text="Asked after a long day",
            submission_token=hidden_value(page, "submission_token"),
            started=hidden_value(page, "started"),
        ),
    )

    assert response.status_code == 400
    assert "opened a long time ago" in page
    assert "Asked after a long day</textarea>" in page
    assert hidden_value(page, "submission_token") != token
    assert again.status_code == 302
    assert list(DelegateQuestion.objects.values_list("text", flat=True)) == [
        "Asked after a long day"
    ]


def test_same_token_with_another_text_says_so_and_keeps_the_new_text(client, session):
    token = str(uuid.uuid4())
    started = sign_started(token, time.time() - 60)
    client.post(
        ask_url(session),
        ask_data(text="My first question", submission_token=token, started=started),
    )

    response = client.post(
        ask_url(session),
        ask_data(text="My edited question", submission_token=token, started=started),
    )
    page = response.content.decode()
    resent = client.post(
        ask_url(session),
        ask_data(
            text="My edited question",
            submission_token=hidden_value(page, "submission_token"),
            started=hidden_value(page, "started"),
        ),
    )

    assert response.status_code == 409
    assert "already sent" in page
    assert "Thank you" not in page
    assert "My edited question</textarea>" in page
    assert resent.status_code == 302
    assert sorted(DelegateQuestion.objects.values_list("text", flat=True)) == [
        "My edited question",
        "My first question",
    ]


def test_same_token_with_another_text_json_gives_a_new_form(client, session):
    token = str(uuid.uuid4())
    started = sign_started(token, time.time() - 60)
    client.post(ask_url(session), ask_data(text="My first question", submission_token=token))

    response = client.post(
        ask_url(session),
        ask_data(text="My edited question", submission_token=token, started=started),
        HTTP_ACCEPT="application/json",
    )

    data = response.json()
    assert response.status_code == 409
    assert data["ok"] is False
    assert data["form"]["submission_token"] != token
    assert DelegateQuestion.objects.count() == 1


def test_same_token_same_text_is_a_retry_and_confirms(client, session):
    data = ask_data(text="Sent twice, lost once")
    client.post(ask_url(session), data)

    response = client.post(ask_url(session), data)

    assert response.status_code == 302
    assert DelegateQuestion.objects.count() == 1


def test_vote_double_click_from_a_new_browser_counts_once(session):
    question = DelegateQuestionFactory(session=session)
    page = Client().get(session.url).content.decode()
    browser = hidden_value(page, "browser")

    # No cookie yet on either click: both carry the page's browser id.
    first = Client().post(f"/q/vote/{question.pk}/", {"browser": browser})
    second = Client().post(f"/q/vote/{question.pk}/", {"browser": browser})

    question.refresh_from_db()
    assert browser
    assert first.status_code == second.status_code == 302
    assert question.votes == 1
    assert QuestionVote.objects.filter(question=question).count() == 1


def test_vote_retry_after_a_lost_response_counts_once_and_the_cookie_follows(session):
    question = DelegateQuestionFactory(session=session)
    page = Client().get(session.url).content.decode()
    browser = hidden_value(page, "browser")
    Client().post(f"/q/vote/{question.pk}/", {"browser": browser})  # response lost
    retry = Client()

    data = retry.post(
        f"/q/vote/{question.pk}/", {"browser": browser}, HTTP_ACCEPT="application/json"
    ).json()
    after = retry.get(session.url).content.decode()

    assert data["counted"] is False
    assert data["votes"] == 1
    assert ">Voted</button>" in after
