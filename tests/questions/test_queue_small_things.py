"""Issue 22's small things in the questions admin: plural messages, the
dashboard's Approve, the export link before filtering, the badge, the
keys, "New question"."""

import datetime as dt

import pytest
from django.utils import timezone

from recap.questions.exports.csv import question_rows
from recap.questions.models import DelegateQuestion, QuestionStatus
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db

QUEUE = "/admin/recap_questions/delegatequestion/"
MODERATE = "/admin/recap-questions/moderate/"


def test_approving_one_question_says_so_in_a_whole_sentence(client, moderator):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    response = client.post(MODERATE, {"single": f"approve:{question.pk}"}, follow=True)

    html = response.content.decode()
    assert "Approved 1 question." in html
    assert "Approve: 1 question." not in html


def test_the_keys_approve_in_place_with_a_json_answer(client, moderator):
    question = DelegateQuestionFactory(status=QuestionStatus.PENDING)
    client.force_login(moderator)

    response = client.post(
        MODERATE, {"single": f"approve:{question.pk}"}, HTTP_ACCEPT="application/json"
    )

    assert response.status_code == 200
    assert response.json()["message"] == "Approved 1 question."
    question.refresh_from_db()
    assert question.status == QuestionStatus.APPROVED


def test_dashboard_approve_approves_and_says_what_it_did(client, moderator):
    question = DelegateQuestionFactory(
        status=QuestionStatus.PENDING, text="Waiting on the dashboard?"
    )
    client.force_login(moderator)

    dashboard = client.get("/admin/").content.decode()
    response = client.post(
        MODERATE, {"single": f"approve:{question.pk}", "next": "/admin/"}, follow=True
    )

    assert f'value="approve:{question.pk}"' in dashboard
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "Approved 1 question." in response.content.decode()
    question.refresh_from_db()
    assert question.status == QuestionStatus.APPROVED


def test_export_link_is_there_before_any_filter(client, moderator):
    DelegateQuestionFactory(text="Exported without a filter?")
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()
    export = client.get("/admin/recap-questions/export/")

    assert 'href="/admin/recap-questions/export/"' in html
    assert export["Content-Type"].startswith("text/csv")
    assert "Exported without a filter?" in export.content.decode("utf-8-sig")


def test_highlighted_badge_sits_in_a_wrapping_status_cell(client, moderator):
    DelegateQuestionFactory(highlighted=True)
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()
    from django.contrib.staticfiles import finders

    with open(finders.find("recap_questions/moderation.css"), encoding="utf-8") as css:
        css_text = css.read()

    assert "recap-highlighted-badge" in html
    assert ".recap-col-status_label { white-space: normal; }" in css_text


def test_the_queues_add_button_says_record_a_question(client, moderator):
    client.force_login(moderator)

    html = client.get(QUEUE).content.decode()

    assert "Record a question" in html
    assert "Add delegate question" not in html


def test_the_add_screen_is_called_new_question(client, moderator):
    client.force_login(moderator)

    html = client.get(f"{QUEUE}create/").content.decode()

    assert "New question" in html
    assert "New Delegate question" not in html and "New delegate question" not in html


def test_csv_gives_the_time_asked_not_the_time_recorded(db):
    question = DelegateQuestionFactory()
    asked = timezone.now() - dt.timedelta(days=1)
    DelegateQuestion.objects.filter(pk=question.pk).update(asked_at=asked)

    (row,) = question_rows(DelegateQuestion.objects.all())

    assert row[10] == asked.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
