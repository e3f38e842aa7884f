"""Recording a question asked earlier, for any session (past ones too): the
moderation queue's "Add" screen and the question chooser's "Create" tab."""

import datetime as dt
import json

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from recap.questions.models import DelegateQuestion, QuestionSource, QuestionStatus
from tests.factories import EventPageFactory, SessionPageFactory

pytestmark = pytest.mark.django_db

ADD = "/admin/recap_questions/delegatequestion/create/"
CHOOSER = "/admin/recap_question_chooser/"


@pytest.fixture
def yesterday_session():
    day = timezone.now() - dt.timedelta(days=1)
    event = EventPageFactory(
        title="Social media conference",
        start=day.replace(hour=9, minute=0, second=0, microsecond=0),
    )
    return SessionPageFactory(parent=event, title="Panel on internal comms")


@pytest.fixture
def superuser(django_user_model):
    return django_user_model.objects.create_superuser("root", password="pw-root-1")


@pytest.fixture
def stock_editor(django_user_model):
    user = django_user_model.objects.create_user("stock-editor", password="pw-editor-1")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def record_data(session, **overrides):
    return {
        "session": session.pk,
        "text": "What is the role of IC pros in social media?",
        "source": QuestionSource.ROOM,
        "name": "A delegate",
        "organisation": "",
        "email": "",
        **overrides,
    }


def test_add_screen_asks_for_the_session(client, superuser):
    client.force_login(superuser)

    response = client.get(ADD)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="session"' in html
    assert '<option value="room" selected>' in html


def test_add_screen_records_a_question_for_yesterdays_session(client, superuser, yesterday_session):
    client.force_login(superuser)

    response = client.post(ADD, record_data(yesterday_session))

    assert response.status_code == 302
    question = DelegateQuestion.objects.get()
    assert question.session_id == yesterday_session.pk
    assert question.event_id == yesterday_session.get_parent().pk
    assert question.status == QuestionStatus.APPROVED
    assert question.source == QuestionSource.ROOM


def test_add_screen_without_a_session_answers_with_the_form(client, superuser):
    client.force_login(superuser)

    response = client.post(ADD, {"text": "What is the role of IC pros?", "source": "room"})

    assert response.status_code == 200
    assert "This field is required" in response.content.decode()
    assert not DelegateQuestion.objects.exists()


def test_add_screen_question_from_an_editor_waits_for_a_moderator(
    client, stock_editor, yesterday_session
):
    client.force_login(stock_editor)

    response = client.post(ADD, record_data(yesterday_session))

    assert response.status_code == 302
    assert DelegateQuestion.objects.get().status == QuestionStatus.PENDING


def test_chooser_create_tab_offers_sessions_of_any_day(client, superuser, yesterday_session):
    client.force_login(superuser)

    html = json.loads(client.get(CHOOSER).content)["html"]

    assert "Record a question" in html
    assert 'name="text"' in html
    assert "Social media conference" in html and "Panel on internal comms" in html


def test_chooser_create_tab_saves_and_chooses_the_question(client, superuser, yesterday_session):
    client.force_login(superuser)

    response = client.post(f"{CHOOSER}create/", record_data(yesterday_session))

    assert response.status_code == 200
    payload = json.loads(response.content)
    question = DelegateQuestion.objects.get()
    assert payload["step"] == "chosen"
    assert str(payload["result"]["id"]) == str(question.pk)
    assert question.session_id == yesterday_session.pk
    assert question.event_id == yesterday_session.get_parent().pk


def test_chooser_create_tab_without_a_session_shows_the_form_again(client, superuser):
    client.force_login(superuser)

    response = client.post(f"{CHOOSER}create/", {"text": "What is the role of IC pros?"})

    assert response.status_code == 200
    assert json.loads(response.content)["step"] == "reshow_creation_form"
    assert not DelegateQuestion.objects.exists()


def test_chooser_create_refused_without_capture_permission(client, editor, yesterday_session):
    client.force_login(editor)

    response = client.post(f"{CHOOSER}create/", record_data(yesterday_session))

    assert response.status_code in (302, 403)  # Wagtail's "permission denied" redirect
    assert not DelegateQuestion.objects.exists()


def test_chooser_create_tab_is_for_moderators_only(client, stock_editor, yesterday_session):
    # An editor's question would wait for a moderator, and a write-up citing
    # a pending question cannot be saved: editors use the capture screen.
    client.force_login(stock_editor)

    html = json.loads(client.get(CHOOSER).content)["html"]
    response = client.post(f"{CHOOSER}create/", record_data(yesterday_session))

    assert "Record a question" not in html
    assert response.status_code in (302, 403)
    assert not DelegateQuestion.objects.exists()
