"""The session page's questions refresh themselves, as present mode does:
its script asks for the lists again with the ETag it holds, answered 304
from the session's question version (one query) while nothing changed."""

import pytest
from wagtail.models import PageViewRestriction, Site

from recap.questions.identity import browser_key
from recap.questions.models import QuestionStatus
from recap.questions.shortcodes import session_code
from recap.questions.submission import cast_vote
from tests.questions.conftest import ask_data
from tests.questions.factories import DelegateQuestionFactory, question_settings, recognised

pytestmark = pytest.mark.django_db


def refresh_url(session, query=""):
    return f"/q/{session_code(session)}/questions/{query}"


def test_session_page_names_its_refresh_while_it_takes_questions(client, session):
    html = client.get(session.url).content.decode()

    assert f'data-recap-refresh-url="{refresh_url(session)}?questions=votes"' in html
    assert "data-recap-live" in html


def test_session_page_with_questions_closed_does_not_refresh(client, session):
    question_settings(session, questions_open=False)
    session.save_revision().publish()

    html = client.get(session.url).content.decode()

    assert "data-recap-refresh-url" not in html


def test_refresh_gives_the_lists_as_the_page_shows_them(client, session):
    DelegateQuestionFactory(session=session, text="An approved question, shown to all", votes=2)
    DelegateQuestionFactory(
        session=session, text="Still waiting for a moderator", status=QuestionStatus.PENDING
    )

    response = client.get(refresh_url(session))

    html = response.content.decode()
    assert response.status_code == 200
    assert "An approved question, shown to all" in html
    assert "<span data-recap-votes>2</span> <span data-recap-votes-word>votes</span>" in html
    assert "Still waiting for a moderator" not in html
    assert response["ETag"]
    assert "private" in response["Cache-Control"]
    assert "<form" in html and "Up-vote" in html


def test_refresh_unchanged_is_a_304_from_one_query(client, session, django_assert_num_queries):
    DelegateQuestionFactory(session=session)
    etag = client.get(refresh_url(session))["ETag"]

    with django_assert_num_queries(1):
        response = client.get(refresh_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["ETag"] == etag


def test_refresh_shows_a_question_once_approved(client, session):
    question = DelegateQuestionFactory(
        session=session, text="Approved while the page was open", status=QuestionStatus.PENDING
    )
    etag = client.get(refresh_url(session))["ETag"]

    question.status = QuestionStatus.APPROVED
    question.save()
    response = client.get(refresh_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "Approved while the page was open" in response.content.decode()
    assert response["ETag"] != etag


def test_refresh_shows_new_votes(client, session):
    question = DelegateQuestionFactory(session=session, text="Voted for by others")
    etag = client.get(refresh_url(session))["ETag"]

    cast_vote(question, browser_key("another-delegates-browser-01"))
    response = client.get(refresh_url(session), HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert "<span data-recap-votes>1</span>" in response.content.decode()


def test_refresh_shows_this_browsers_own_pending_question_only_to_it(client, session):
    recognised(client)
    client.post(f"/q/{session_code(session)}/", ask_data(text="My own question, still held"))

    mine = client.get(refresh_url(session)).content.decode()
    others = recognised(type(client)()).get(refresh_url(session)).content.decode()

    assert "My own question, still held" in mine
    assert "My own question, still held" not in others


def test_refresh_keeps_the_order_and_votes_come_back_to_the_page(client, session):
    question = DelegateQuestionFactory(session=session)

    response = client.get(refresh_url(session, "?questions=recent&questions_page=x"))

    html = response.content.decode()
    assert '<strong aria-current="true">newest</strong>' in html
    assert f'value="{session.url}?questions=recent#question-{question.pk}"' in html
    assert (
        client.get(refresh_url(session, "?questions=votes"))["ETag"]
        != client.get(refresh_url(session, "?questions=recent"))["ETag"]
    )


def test_refresh_of_a_private_or_unknown_session_is_404(client, session):
    PageViewRestriction.objects.create(
        page=session, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )

    assert client.get(refresh_url(session)).status_code == 404
    assert client.get("/q/zzzzzzzz/questions/").status_code == 404


@pytest.mark.parametrize("count", [3, 25])
def test_refresh_queries_do_not_grow(client, django_assert_max_num_queries, session, count):
    recognised(client)
    for question in DelegateQuestionFactory.create_batch(count, session=session):
        cast_vote(question, browser_key("a-browser-id-for-tests-0002"))
    Site.get_site_root_paths()
    client.get(refresh_url(session))  # the caches a first request fills

    # The version, the session, the page of questions, this browser's
    # pending ones and its votes, and Wagtail's site lookup.
    with django_assert_max_num_queries(8):
        response = client.get(refresh_url(session))

    assert response.status_code == 200
    assert response.content.decode().count('id="question-') == min(count, 20)
