"""Up-votes: once per browser, counted atomically, public questions only."""

import datetime as dt

import pytest
from django.test import Client

from recap.questions.models import DelegateQuestion, QuestionStatus, QuestionVote
from tests.questions.factories import DelegateQuestionFactory, recognised

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    """A browser that has shown a session page and so has its id (see
    test_vote_identities.py for browsers that have not)."""
    return recognised(client)


def vote_url(question):
    return f"/q/vote/{question.pk}/"


def test_vote_counts_once_per_browser(client):
    question = DelegateQuestionFactory()

    client.post(vote_url(question))
    client.post(vote_url(question))

    question.refresh_from_db()
    assert question.votes == 1
    assert QuestionVote.objects.filter(question=question).count() == 1


def test_vote_from_another_browser_counts(client):
    question = DelegateQuestionFactory()

    client.post(vote_url(question))
    recognised(Client()).post(vote_url(question))

    question.refresh_from_db()
    assert question.votes == 2


def test_vote_redirects_back_to_the_question_with_a_message(client):
    question = DelegateQuestionFactory()

    response = client.post(vote_url(question))

    assert response.status_code == 302
    assert response["Location"] == f"{question.session.url}#question-{question.pk}"
    page = client.get(question.session.url).content.decode()
    assert "Thank you for your vote." in page


def test_vote_button_shows_voted_for_this_browser(client):
    question = DelegateQuestionFactory()
    client.post(vote_url(question))

    html = client.get(question.session.url).content.decode()

    assert ">Voted</button>" in html
    assert "data-recap-votes>1</span> <span data-recap-votes-word>vote<" in html


def test_vote_next_to_another_site_is_ignored(client):
    question = DelegateQuestionFactory()

    response = client.post(vote_url(question), {"next": "https://evil.example/"})

    assert response["Location"].startswith(question.session.url)


@pytest.mark.parametrize("status", [QuestionStatus.PENDING, QuestionStatus.REJECTED])
def test_vote_on_a_hidden_question_is_404(client, status):
    question = DelegateQuestionFactory(status=status)

    assert client.post(vote_url(question)).status_code == 404
    assert not QuestionVote.objects.exists()


def test_vote_get_is_not_allowed(client):
    question = DelegateQuestionFactory()

    assert client.get(vote_url(question)).status_code == 405


def test_vote_json_returns_the_new_count(client):
    question = DelegateQuestionFactory()

    data = client.post(vote_url(question), HTTP_ACCEPT="application/json").json()

    assert data == {
        "ok": True,
        "counted": True,
        "voted": True,
        "votes": 1,
        "votes_word": "vote",
        "message": "Thank you for your vote.",
    }


def test_vote_over_30_a_minute_gets_429(client):
    session_question = DelegateQuestionFactory()
    questions = [session_question] + [
        DelegateQuestionFactory(session=session_question.session) for _ in range(30)
    ]
    for question in questions[:30]:
        assert client.post(vote_url(question)).status_code == 302

    response = client.post(vote_url(questions[30]))

    assert response.status_code == 429
    assert "Please wait a moment" in response.content.decode()
    assert DelegateQuestion.objects.get(pk=questions[30].pk).votes == 0


def test_vote_stores_no_ip_only_a_keyed_hash(client):
    question = DelegateQuestionFactory()

    client.post(vote_url(question), REMOTE_ADDR="198.51.100.9")

    vote = QuestionVote.objects.get()
    assert len(vote.voter_key) == 64
    assert "198.51.100.9" not in vote.voter_key


def test_session_list_orders_by_votes_or_newest(client, session):
    older_popular = DelegateQuestionFactory(session=session, text="Older but popular", votes=7)
    newer_quiet = DelegateQuestionFactory(session=session, text="Newer and quiet", votes=0)
    DelegateQuestion.objects.filter(pk=older_popular.pk).update(
        created_at=newer_quiet.created_at - dt.timedelta(hours=1)
    )

    by_votes = client.get(session.url).content.decode()
    newest = client.get(session.url, {"questions": "recent"}).content.decode()

    assert by_votes.index("Older but popular") < by_votes.index("Newer and quiet")
    assert newest.index("Newer and quiet") < newest.index("Older but popular")
