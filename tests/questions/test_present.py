"""Present mode for the room's projector and its JSON endpoint."""

import html
import re

import pytest
from django.core.cache.backends.locmem import LocMemCache

from recap.questions.models import QuestionStatus
from recap.questions.shortcodes import decode, encode, session_code
from tests.questions.factories import DelegateQuestionFactory, recognised

pytestmark = pytest.mark.django_db


def present_url(session):
    return f"/q/{session_code(session)}/present/"


def data_url(session):
    return f"/q/{session_code(session)}/present.json"


@pytest.mark.parametrize("number", [1, 31, 32, 1023, 123456789])
def test_short_code_round_trips(number):
    assert decode(encode(number)) == number


def test_short_code_is_stable_and_short(session):
    assert session_code(session) == encode(session.pk)
    assert len(session_code(session)) <= 4


def test_present_shows_highlighted_top_qr_and_short_url(client, session):
    DelegateQuestionFactory(session=session, text="The highlighted one", highlighted=True)
    DelegateQuestionFactory(session=session, text="Popular question", votes=9)
    DelegateQuestionFactory(
        session=session, text="Waiting in the queue", status=QuestionStatus.PENDING
    )

    response = client.get(present_url(session))

    html = response.content.decode()
    assert response.status_code == 200
    assert "recap-present__highlighted" in html
    assert "The highlighted one" in html
    assert "Popular question" in html
    assert "Waiting in the queue" not in html
    assert "<svg" in html and "QR code" in html
    assert f"testserver/q/{session_code(session)}/" in html
    assert 'http-equiv="refresh"' in html  # without JavaScript


def test_present_json_orders_top_by_votes_and_never_has_email(client, session):
    DelegateQuestionFactory(session=session, text="Fewer votes here", votes=1)
    DelegateQuestionFactory(
        session=session, text="More votes here", votes=5, email="a@example.org", email_consent=True
    )

    data = client.get(data_url(session)).json()

    assert [q["text"] for q in data["top"]] == ["More votes here", "Fewer votes here"]
    assert "a@example.org" not in str(data)
    assert data["highlighted"] is None


def test_present_json_304_when_unchanged(client, session):
    DelegateQuestionFactory(session=session)
    first = client.get(data_url(session))

    second = client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"])

    assert first.status_code == 200
    assert second.status_code == 304
    assert second.content == b""


def test_present_json_changes_etag_after_a_vote(client, session):
    question = DelegateQuestionFactory(session=session)
    first = client.get(data_url(session))

    recognised(client).post(f"/q/vote/{question.pk}/")
    second = client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert second.json()["top"][0]["votes"] == 1


def test_present_history_links_to_the_answering_writeup(client, session):
    from tests.factories import WriteUpPageFactory

    writeup = WriteUpPageFactory(title="What the panel said")
    question = DelegateQuestionFactory(
        session=session,
        text="Answered question",
        status=QuestionStatus.ANSWERED,
        answered_in=writeup,
    )

    html = client.get(present_url(session)).content.decode()
    data = client.get(data_url(session)).json()

    answer = f"{writeup.url}#question-{question.pk}"  # the answer itself, not the top
    assert f'answered in <a href="{answer}">What the panel said</a>' in html
    assert data["answered"][0]["answered_in"] == {"title": "What the panel said", "url": answer}


def test_present_unknown_code_is_404(client, db):
    assert client.get("/q/zzzz/present/").status_code == 404


def test_present_json_changes_etag_after_moderation(client, session):
    from recap.questions.models import DelegateQuestion
    from recap.questions.moderation import moderate

    pending = DelegateQuestionFactory(session=session, status=QuestionStatus.PENDING)
    first = client.get(data_url(session))

    moderate(DelegateQuestion.objects.filter(pk=pending.pk), "approve")
    second = client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert [q["id"] for q in second.json()["top"]] == [pending.pk]


def test_session_page_shows_one_page_of_questions_and_links_to_more(client, session):
    from recap.questions.templatetags.recap_questions_tags import PAGE_SIZE

    for n in range(PAGE_SIZE + 5):
        DelegateQuestionFactory(session=session, text=f"Question with {n:03d} votes", votes=n)

    first = client.get(session.url).content.decode()
    more = re.search(r'href="([^"]+)" rel="next">More questions<', first).group(1)
    second = client.get(session.url + html.unescape(more)).content.decode()

    assert first.count('id="question-') == PAGE_SIZE
    assert "Question with 024 votes" in first and "Question with 004 votes" not in first
    assert second.count('id="question-') == 5
    assert "Question with 004 votes" in second and "Question with 024 votes" not in second
    assert 'rel="next"' not in second
    assert 'rel="prev">Previous questions<' in second


def test_short_code_in_capitals_works_like_lower_case(client, session):
    from tests.factories import SessionPageFactory

    # Ids from 10 have a letter in their code; sequences differ by database.
    while session_code(session).isdigit():
        session = SessionPageFactory(parent=session.get_parent().specific, revision=False)
    code = session_code(session)

    ask = client.get(f"/q/{code.upper()}/")
    present = client.get(f"/q/{code.upper()}/present/")
    data = client.get(f"/q/{code.upper()}/present.json")

    assert ask.status_code == 302
    assert ask["Location"] == f"{session.url}#ask-question"
    assert present.status_code == 200 and session.title in present.content.decode()
    assert data.status_code == 200


def test_short_code_with_a_letter_outside_the_alphabet_is_404(client, session):
    assert client.get("/q/U/present/").status_code == 404


def test_present_shows_no_zero_vote_badge_for_a_question_captured_in_the_room(client, session):
    from recap.questions.models import QuestionSource

    DelegateQuestionFactory(session=session, text="Asked aloud", source=QuestionSource.ROOM)
    DelegateQuestionFactory(session=session, text="Voted online", votes=3)

    page = client.get(present_url(session)).content.decode()

    item = re.search(r"<li>((?:(?!</li>).)*)Asked aloud</span></li>", page).group(1)
    assert re.fullmatch(
        r'<span class="recap-present__votes[^"]*--none"[^>]*></span> <span[^>]*>', item
    )
    assert '<span class="recap-present__votes">3</span>' in page
    assert '<span class="recap-present__votes">0</span>' not in page


def test_present_empty_states_are_not_list_items(client, session):
    page = client.get(present_url(session)).content.decode()

    assert re.search(r"<p [^>]*data-recap-answered-empty[^>]*>None yet.</p>", page)
    assert not re.search(r"<li[^>]*>\s*None yet", page)
    assert not re.search(r"<li[^>]*>\s*No questions yet", page)


class DroppingCache(LocMemCache):
    """A local-memory cache that, while `dropping` is set, keeps what it has
    but drops every write and delete, as the fail-safe Redis cache does while
    Redis is paused or in its back-off."""

    dropping = False

    def set(self, *args, **kwargs):
        if not DroppingCache.dropping:
            super().set(*args, **kwargs)

    def add(self, *args, **kwargs):
        return False if DroppingCache.dropping else super().add(*args, **kwargs)

    def delete(self, *args, **kwargs):
        return False if DroppingCache.dropping else super().delete(*args, **kwargs)

    def delete_many(self, *args, **kwargs):
        if not DroppingCache.dropping:
            super().delete_many(*args, **kwargs)


@pytest.fixture
def dropping_cache(settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": f"{__name__}.DroppingCache",
            "LOCATION": "recap-dropping",
        },
    }
    yield DroppingCache
    DroppingCache.dropping = False


@pytest.mark.parametrize("action", ["approve", "highlight"])
def test_poll_sees_a_moderation_made_while_the_cache_drops_writes(
    client, session, dropping_cache, action
):
    from recap.questions.models import DelegateQuestion
    from recap.questions.moderation import moderate

    shown = DelegateQuestionFactory(session=session, highlighted=True)
    other = DelegateQuestionFactory(session=session, status=QuestionStatus.PENDING)
    first = client.get(data_url(session))
    assert client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304

    dropping_cache.dropping = True
    moderate(DelegateQuestion.objects.filter(pk=other.pk), action)
    second = client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    data = second.json()
    if action == "approve":
        assert [q["id"] for q in data["top"]] == [other.pk]
    else:
        assert data["highlighted"]["id"] == other.pk
        assert [q["id"] for q in data["top"]] == [shown.pk]


def test_poll_sees_a_cited_writeup_made_private(client, session):
    from wagtail.models import PageViewRestriction

    from tests.factories import WriteUpPageFactory

    writeup = WriteUpPageFactory(title="What the panel said")
    DelegateQuestionFactory(session=session, status=QuestionStatus.ANSWERED, answered_in=writeup)
    first = client.get(data_url(session))
    assert first.json()["answered"][0]["answered_in"]["title"] == "What the panel said"

    PageViewRestriction.objects.create(
        page=writeup, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    second = client.get(data_url(session), HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200
    assert second.json()["answered"][0]["answered_in"] is None
    assert "What the panel said" not in second.content.decode()
