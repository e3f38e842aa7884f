"""Under concurrent load on PostgreSQL every accepted question is stored once
and every vote is counted once (CI's second leg runs this with DATABASE_URL)."""

import threading
import uuid

import pytest
from django.db import connection, connections
from django.http import HttpResponse
from django.test import Client

from recap.questions.identity import COOKIE_NAME, COOKIE_SALT
from recap.questions.models import DelegateQuestion, QuestionVote
from tests.questions.conftest import ask_data, ask_url
from tests.questions.factories import DelegateQuestionFactory

THREADS = 50

pytestmark = [
    pytest.mark.postgres,
    # Decided at collection, so no database is set up (or flushed) on SQLite.
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="Concurrency needs PostgreSQL (SQLite serialises writers); "
        "set DATABASE_URL=postgres://... to run it.",
    ),
    pytest.mark.django_db(transaction=True),
]


def run_at_once(work):
    """Run work(index) in THREADS threads released together; each closes its connection."""
    barrier = threading.Barrier(THREADS)
    errors = []

    def target(index):
        try:
            barrier.wait(timeout=30)
            work(index)
        except Exception as exc:  # reported after join: a thread cannot fail the test itself
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def browser(number):
    """A client carrying browser id `number` (two clients may share one browser)."""
    carrier = HttpResponse()
    carrier.set_signed_cookie(COOKIE_NAME, f"concurrent-browser-{number:04d}", salt=COOKIE_SALT)
    client = Client()
    client.cookies[COOKIE_NAME] = carrier.cookies[COOKIE_NAME].value
    return client


def test_concurrent_submissions_and_votes_are_stored_once(session):
    voted_on = DelegateQuestionFactory(session=session, text="Vote for me, everyone")
    # Threads i and i + 25 are the same browser sending the same form twice
    # at once (a retried POST on another connection) and voting at once:
    # 25 distinct questions and 25 votes, each stored once.
    tokens = [str(uuid.uuid4()) for _ in range(THREADS // 2)]
    statuses = [None] * THREADS
    vote_statuses = [None] * THREADS

    def work(index):
        client = browser(index % len(tokens))
        response = client.post(
            ask_url(session),
            ask_data(
                text=f"Concurrent question number {index % len(tokens)}",
                submission_token=tokens[index % len(tokens)],
            ),
        )
        statuses[index] = response.status_code
        # And a double click on the vote button: still one vote per browser.
        first = client.post(f"/q/vote/{voted_on.pk}/")
        second = client.post(f"/q/vote/{voted_on.pk}/")
        vote_statuses[index] = (first.status_code, second.status_code)

    run_at_once(work)

    assert statuses == [302] * THREADS
    assert vote_statuses == [(302, 302)] * THREADS
    stored = DelegateQuestion.objects.filter(submission_token__in=tokens)
    assert stored.count() == len(tokens)
    assert sorted(stored.values_list("text", flat=True)) == sorted(
        f"Concurrent question number {n}" for n in range(len(tokens))
    )
    voted_on.refresh_from_db()
    assert QuestionVote.objects.filter(question=voted_on).count() == len(tokens)
    assert voted_on.votes == len(tokens)


def test_concurrent_first_clicks_from_new_browsers_count_one_vote_each(session):
    from django.test import RequestFactory

    from recap.questions.identity import FORM_FIELD, form_browser_token

    question = DelegateQuestionFactory(session=session, text="Vote for me, new browsers")
    # Each page shown to a browser without a cookie carries its own id;
    # threads i and i + 25 are one such browser double-clicking (or retrying
    # after a lost response): two posts at once, neither with a cookie yet.
    pages = [form_browser_token(RequestFactory().get(session.url)) for _ in range(THREADS // 2)]
    statuses = [None] * THREADS

    def work(index):
        response = Client().post(f"/q/vote/{question.pk}/", {FORM_FIELD: pages[index % len(pages)]})
        statuses[index] = response.status_code

    run_at_once(work)

    assert statuses == [302] * THREADS
    question.refresh_from_db()
    assert QuestionVote.objects.filter(question=question).count() == len(pages)
    assert question.votes == len(pages)
