"""The moderation queue on a laptop: compact rows, pending questions first
and oldest first, new questions polled for, keyboard shortcuts."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from recap.questions.models import DelegateQuestion, QuestionStatus
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

INDEX = "/admin/recap_questions/delegatequestion/"
STATE = "/admin/recap-questions/moderate/state/"


def asked(text, status, hours_ago, **kwargs):
    question = DelegateQuestionFactory(text=text, status=status, **kwargs)
    DelegateQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - dt.timedelta(hours=hours_ago)
    )
    return question


def test_queue_lists_pending_questions_first_oldest_first(client, moderator):
    asked("Approved a day ago, question", QuestionStatus.APPROVED, 24)
    asked("Approved an hour ago, question", QuestionStatus.APPROVED, 1)
    asked("Pending since this morning?", QuestionStatus.PENDING, 5)
    asked("Pending for a minute only?", QuestionStatus.PENDING, 0)
    client.force_login(moderator)

    html = client.get(INDEX).content.decode()

    positions = [
        html.index(text)
        for text in (
            "Pending since this morning?",
            "Pending for a minute only?",
            "Approved an hour ago, question",
            "Approved a day ago, question",
        )
    ]
    assert positions == sorted(positions)


def test_queue_row_shows_text_session_status_votes_time_and_actions(client, moderator):
    question = DelegateQuestionFactory(
        text="What is the role of IC pros?",
        status=QuestionStatus.PENDING,
        votes=7,
        name="Ada Example",
    )
    client.force_login(moderator)

    html = client.get(INDEX).content.decode()

    row = html[html.index(f'data-recap-question="{question.pk}"') :]
    row = row[: row.index("</tr>")]
    assert "What is the role of IC pros?" in row
    assert "Ada Example" in row
    assert question.session.title in row
    assert "Pending" in row
    assert ">7<" in row.replace(" ", "").replace("\n", "")
    assert "<time datetime=" in row
    assert f'value="approve:{question.pk}"' in row
    assert f'value="reject:{question.pk}"' in row
    for header in ("Source", "Asked by", "Highlighted"):
        assert f">{header}<" not in html.replace("\n", "").replace("  ", "")


def test_queue_loads_its_polling_script_and_styles_for_moderators(client, moderator):
    DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    html = client.get(INDEX).content.decode()

    assert "recap_questions/moderation.js" in html
    assert "recap_questions/moderation.css" in html
    assert f'data-url="{STATE}"' in html
    assert '<noscript><meta http-equiv="refresh"' in html
    assert "<kbd>a</kbd> approve" in html


def test_queue_state_changes_when_a_question_arrives(client, moderator):
    DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    before = json.loads(client.get(STATE).content)["version"]
    page = client.get(INDEX).content.decode()
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="A brand new question here")
    after = json.loads(client.get(STATE).content)["version"]

    assert f'data-version="{before}"' in page
    assert after != before
    assert "A brand new question here" in client.get(INDEX).content.decode()


def test_queue_state_refused_to_editors_who_cannot_moderate(client, editor):
    client.force_login(editor)

    response = client.get(STATE)

    assert response.status_code in (302, 403)
    assert b"version" not in response.content


@pytest.mark.parametrize("count", [5, 25])
def test_queue_query_count_does_not_grow(client, moderator, count, django_assert_max_num_queries):
    DelegateQuestionFactory.create_batch(count, status=QuestionStatus.PENDING)
    client.force_login(moderator)
    client.get(INDEX)  # the day's purge and session caches out of the way

    with django_assert_max_num_queries(18):
        response = client.get(INDEX)

    assert response.status_code == 200
