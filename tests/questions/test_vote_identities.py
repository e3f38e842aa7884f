"""A vote needs a browser id issued by a page view, and new ids are limited
per address: a script that drops its cookie cannot reorder the room's
screen, while a venue's delegates behind one NAT each vote once. Closed
sessions take no votes and show no vote buttons (issue 18)."""

import html
import json
import re
from types import SimpleNamespace

import pytest
from django.test import Client, RequestFactory

from recap.questions import views
from recap.questions.identity import COOKIE_NAME, FORM_FIELD, form_browser_token
from recap.questions.models import DelegateQuestion, QuestionVote
from recap.questions.ratelimit import rates_for
from tests.questions.factories import DelegateQuestionFactory, question_settings, recognised
from tests.questions.test_closed import ended

pytestmark = pytest.mark.django_db

VENUE_IP = "203.0.113.10"
JSON = {"HTTP_ACCEPT": "application/json"}


class Clock:
    """The time django-ratelimit reads, moved by the test: a window is a
    fixed minute, so moving a minute on opens the next one."""

    def __init__(self):
        self.now = 1_900_000_000.0

    def time(self):
        return self.now


@pytest.fixture
def clock(monkeypatch):
    """Replaces tests/questions/conftest.py's single window by a clock."""
    clock = Clock()
    monkeypatch.undo()  # the conftest's one window, undone for this test
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=clock.time))
    return clock


def page_token(client, session):
    """What a browser gets by showing the session page: its id, in the forms."""
    page = client.get(session.url).content.decode()
    match = re.search(rf'name="{FORM_FIELD}" value="([^"]*)"', page)
    return html.unescape(match.group(1)) if match else ""


def vote(client, question, token=None, **extra):
    data = {FORM_FIELD: token} if token else {}
    return client.post(f"/q/vote/{question.pk}/", data, REMOTE_ADDR=VENUE_IP, **extra)


def vote_view(question, token):
    request = RequestFactory().post(
        f"/q/vote/{question.pk}/", {FORM_FIELD: token}, REMOTE_ADDR=VENUE_IP, **JSON
    )
    request._dont_enforce_csrf_checks = True  # as the test client does
    return views.vote(request, question.pk)


def test_vote_from_a_browser_that_never_showed_a_page_is_refused_and_not_counted(session):
    question = DelegateQuestionFactory(session=session)

    response = vote(Client(), question)
    as_json = vote(Client(), question, **JSON)

    assert response.status_code == 403
    assert "this browser is not recognised yet. Reload the page" in response.content.decode()
    assert as_json.status_code == 403
    assert "Reload the page" in as_json.json()["message"]
    assert COOKIE_NAME not in response.cookies
    assert DelegateQuestion.objects.get(pk=question.pk).votes == 0
    assert not QuestionVote.objects.exists()


def test_vote_with_a_forged_browser_field_is_refused(session):
    question = DelegateQuestionFactory(session=session)

    response = vote(Client(), question, token="a-made-up-browser-id-0123456789")

    assert response.status_code == 403
    assert DelegateQuestion.objects.get(pk=question.pk).votes == 0


def test_page_view_issues_the_id_the_first_vote_turns_into_a_cookie(session):
    question = DelegateQuestionFactory(session=session)
    browser = Client(REMOTE_ADDR=VENUE_IP)
    token = page_token(browser, session)

    first = vote(browser, question, token)
    again = vote(browser, question)  # no field: the cookie is enough now

    assert token
    assert first.status_code == again.status_code == 302
    assert COOKIE_NAME in first.cookies
    assert DelegateQuestion.objects.get(pk=question.pk).votes == 1


def test_page_view_of_a_recognised_browser_issues_no_new_id(session):
    DelegateQuestionFactory(session=session)

    assert page_token(recognised(Client()), session) == ""


def test_page_views_from_one_ip_get_ids_up_to_the_limit(session, settings, clock):
    settings.RECAP_QUESTIONS_RATES = {"identity": {"ip": "3/m"}}
    DelegateQuestionFactory(session=session)

    tokens = [page_token(Client(REMOTE_ADDR=VENUE_IP), session) for _ in range(4)]
    clock.now += 60
    next_minute = page_token(Client(REMOTE_ADDR=VENUE_IP), session)
    elsewhere = page_token(Client(REMOTE_ADDR="198.51.100.7"), session)

    assert all(tokens[:3])
    assert tokens[3] == ""
    assert next_minute
    assert elsewhere


def test_one_ip_dropping_its_cookie_counts_at_most_the_new_id_limit(session, settings, clock):
    # A script: get a page's id, vote, drop the cookie, 100 times in a minute.
    settings.RECAP_QUESTIONS_RATES = {"identity": {"ip": "20/m"}}
    question = DelegateQuestionFactory(session=session)

    codes = []
    for _ in range(100):
        token = form_browser_token(RequestFactory().get(session.url, REMOTE_ADDR=VENUE_IP))
        codes.append(vote(Client(), question, token).status_code)

    question.refresh_from_db()
    assert question.votes == 20
    assert codes.count(302) == 20
    assert codes.count(403) == 80


def test_one_ip_dropping_its_cookie_is_refused_at_the_default_limit(session, clock):
    # With the default limit, tokens are what the page gives (counted the same
    # way as a page view, without rendering it 200 times).
    limit = int(rates_for("identity")["ip"].split("/")[0])
    tokens = [
        form_browser_token(RequestFactory().get("/", REMOTE_ADDR=VENUE_IP)) for _ in range(300)
    ]

    assert limit <= 200
    assert sum(1 for token in tokens if token) == limit


def test_two_thousand_browsers_behind_one_ip_over_ten_minutes_each_vote_once(session, clock):
    # 2,000 delegates arrive behind the venue's NAT, 200 a minute, each shows
    # the page once, then votes (some twice: a double-click) for one question.
    question = DelegateQuestionFactory(session=session)
    tokens = []
    for _minute in range(10):
        tokens += [
            form_browser_token(RequestFactory().get(session.url, REMOTE_ADDR=VENUE_IP))
            for _ in range(200)
        ]
        clock.now += 60
    assert all(tokens)
    assert len(set(tokens)) == 2000

    # (The view itself, without the middleware, keeps 2,000 votes cheap.)
    codes = [vote_view(question, token).status_code for token in tokens]
    double_clicks = [json.loads(vote_view(question, token).content) for token in tokens[:50]]

    question.refresh_from_db()
    assert codes == [200] * 2000
    assert all(data["counted"] is False for data in double_clicks)
    assert question.votes == 2000
    assert QuestionVote.objects.filter(question=question).count() == 2000


def test_closed_session_refuses_votes_with_a_message(session):
    question_settings(session, questions_open=False)
    session.save_revision().publish()
    question = DelegateQuestionFactory(session=session, votes=1)

    response = vote(recognised(Client()), question)
    as_json = vote(recognised(Client()), question, **JSON)

    assert response.status_code == 403
    assert "votes are no longer counted" in response.content.decode()
    assert as_json.status_code == 403
    assert as_json.json()["ok"] is False
    assert DelegateQuestion.objects.get(pk=question.pk).votes == 1


def test_ended_session_refuses_votes_and_shows_counts_without_buttons(client, session):
    session = ended(session)
    question = DelegateQuestionFactory(session=session, votes=1)
    DelegateQuestionFactory(session=session, votes=2)

    response = vote(recognised(Client()), question)
    page = client.get(session.url).content.decode()

    assert response.status_code == 403
    assert DelegateQuestion.objects.get(pk=question.pk).votes == 1
    assert "Up-vote" not in page
    assert f"/q/vote/{question.pk}/" not in page
    assert "<span data-recap-votes>1</span> <span data-recap-votes-word>vote<" in page
    assert "<span data-recap-votes>2</span> <span data-recap-votes-word>votes<" in page


def test_vote_json_words_the_count_in_the_singular_and_plural(session):
    question = DelegateQuestionFactory(session=session)

    first = vote(recognised(Client()), question, **JSON).json()
    second = vote(recognised(Client()), question, **JSON).json()

    assert (first["votes"], first["votes_word"]) == (1, "vote")
    assert (second["votes"], second["votes_word"]) == (2, "votes")


def test_page_script_keeps_the_id_so_the_next_page_view_issues_none(session, settings, clock):
    settings.RECAP_QUESTIONS_RATES = {"identity": {"ip": "2/m"}}
    question = DelegateQuestionFactory(session=session)
    browser = Client(REMOTE_ADDR=VENUE_IP, enforce_csrf_checks=True)
    page = browser.get(session.url).content.decode()
    token = html.unescape(re.search(r'name="browser" value="([^"]*)"', page).group(1))
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)

    kept = browser.post("/q/browser/", {FORM_FIELD: token, "csrfmiddlewaretoken": csrf})
    reloads = [page_token(browser, session) for _ in range(3)]
    voted = browser.post(
        f"/q/vote/{question.pk}/", {"csrfmiddlewaretoken": csrf}, REMOTE_ADDR=VENUE_IP, **JSON
    )
    newcomer = page_token(Client(REMOTE_ADDR=VENUE_IP), session)

    assert 'data-recap-browser-url="/q/browser/"' in page
    assert kept.status_code == 204
    assert COOKIE_NAME in kept.cookies
    assert reloads == ["", "", ""]  # a recognised browser: no new id, none counted
    assert voted.json()["counted"] is True
    assert newcomer  # the address's second new id this minute


def test_keeping_a_browser_without_a_page_id_is_refused(session):
    response = Client().post("/q/browser/", {FORM_FIELD: "forged"})

    assert response.status_code == 403
    assert COOKIE_NAME not in response.cookies
