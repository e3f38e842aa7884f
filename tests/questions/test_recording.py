"""Recording a question asked earlier, for any session (past ones too): the
moderation queue's "Add" screen and the question chooser's "Create" tab."""

import datetime as dt
import json
import re

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
        "asked_when": "now",
        "approve": "on",
        **overrides,
    }


def test_add_screen_asks_for_the_session(client, superuser):
    client.force_login(superuser)

    response = client.get(ADD)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'name="session"' in html
    assert re.search(r'<input[^>]*value="room"[^>]*checked', html)


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

    assert response.status_code == 400
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


FIELDS = (
    'name="text"',
    'name="source"',
    'name="name"',
    'name="organisation"',
    'name="email"',
    'name="email_consent"',
    'name="asked_when"',
    'name="asked_at_local"',
)


def test_the_three_record_screens_show_the_same_fields(client, superuser, yesterday_session):
    client.force_login(superuser)

    add = client.get(ADD).content.decode()
    capture = client.get(f"/admin/recap-questions/capture/{yesterday_session.pk}/").content.decode()
    chooser = json.loads(client.get(CHOOSER).content)["html"]

    for html in (add, capture, chooser):
        for field in FIELDS:
            assert field in html
        assert "By email" in html and "After the session" in html
        assert "When the session started" in html
    assert 'name="session"' in add and 'name="session"' in chooser


def test_recording_stores_email_consent_source_and_the_time_asked(
    client, superuser, yesterday_session
):
    client.force_login(superuser)

    response = client.post(
        ADD,
        record_data(
            yesterday_session,
            email="ama@example.org",
            email_consent="on",
            source=QuestionSource.AFTER,
            asked_when="end",
        ),
    )

    assert response.status_code == 302
    question = DelegateQuestion.objects.get()
    assert question.email == "ama@example.org" and question.email_consent
    assert question.source == QuestionSource.AFTER
    assert question.asked_at == yesterday_session.end
    assert question.created_at > question.asked_at


def test_recording_at_a_typed_time_reads_it_in_the_sessions_zone(
    client, superuser, yesterday_session
):
    client.force_login(superuser)
    local = timezone.localtime(yesterday_session.start, yesterday_session.tz)
    typed = local.replace(minute=17, second=0, microsecond=0)

    client.post(
        ADD,
        record_data(
            yesterday_session,
            asked_when="other",
            asked_at_local=typed.strftime("%Y-%m-%dT%H:%M"),
        ),
    )

    assert DelegateQuestion.objects.get().asked_at == typed


def test_recording_refuses_a_time_in_the_future(client, superuser, yesterday_session):
    client.force_login(superuser)
    later = timezone.now() + dt.timedelta(days=2)

    response = client.post(
        ADD,
        record_data(
            yesterday_session,
            asked_when="other",
            asked_at_local=later.strftime("%Y-%m-%dT%H:%M"),
        ),
    )

    assert response.status_code == 400
    assert "cannot be asked in the future" in response.content.decode()
    assert not DelegateQuestion.objects.exists()


def test_recording_an_email_without_consent_is_refused(client, superuser, yesterday_session):
    client.force_login(superuser)

    response = client.post(ADD, record_data(yesterday_session, email="ama@example.org"))

    assert response.status_code == 400
    assert not DelegateQuestion.objects.exists()


def test_a_moderator_may_hold_their_question_for_moderation(client, superuser, yesterday_session):
    client.force_login(superuser)
    data = record_data(yesterday_session)
    del data["approve"]

    client.post(ADD, data)

    assert DelegateQuestion.objects.get().status == QuestionStatus.PENDING


def test_an_editor_is_told_the_question_waits_and_is_not_offered_approval(
    client, stock_editor, yesterday_session
):
    client.force_login(stock_editor)

    html = client.get(ADD).content.decode()
    client.post(ADD, record_data(yesterday_session))

    assert 'name="approve"' not in html
    assert "Saved for a moderator" in html
    assert DelegateQuestion.objects.get().status == QuestionStatus.PENDING


def test_the_queue_shows_when_a_recorded_question_was_asked(client, superuser, yesterday_session):
    client.force_login(superuser)
    client.post(ADD, record_data(yesterday_session, asked_when="start"))
    local = timezone.localtime(yesterday_session.start)

    html = client.get("/admin/recap_questions/delegatequestion/").content.decode()

    assert f'<time datetime="{local.isoformat()}">' in html


def test_an_editor_adds_the_askers_email_afterwards(client, stock_editor, yesterday_session):
    client.force_login(stock_editor)
    client.post(ADD, record_data(yesterday_session))
    question = DelegateQuestion.objects.get()
    url = f"/admin/recap-questions/{question.pk}/email/"

    form = client.get(url)
    refused = client.post(url, {"email": "ama@example.org"})
    saved = client.post(url, {"email": "ama@example.org", "email_consent": "on"})

    assert form.status_code == 200
    assert refused.status_code == 400
    assert saved.status_code == 302
    question.refresh_from_db()
    assert question.email == "ama@example.org" and question.email_consent


def test_the_askers_email_form_never_shows_the_address_back(client, superuser, yesterday_session):
    client.force_login(superuser)
    client.post(ADD, record_data(yesterday_session, email="ama@example.org", email_consent="on"))
    question = DelegateQuestion.objects.get()

    html = client.get(f"/admin/recap-questions/{question.pk}/email/").content.decode()
    client.post(f"/admin/recap-questions/{question.pk}/email/", {"email": ""})

    assert "ama@example.org" not in html
    assert "An address is on file" in html
    question.refresh_from_db()
    assert question.email == "" and not question.email_consent


def test_the_askers_email_of_a_delegates_pending_question_is_not_found_for_editors(
    client, stock_editor, yesterday_session
):
    question = DelegateQuestion.objects.create(
        session=yesterday_session,
        event=yesterday_session.get_parent().specific,
        text="A delegate's own question, pending.",
        source=QuestionSource.ONLINE,
        status=QuestionStatus.PENDING,
    )
    client.force_login(stock_editor)

    response = client.get(f"/admin/recap-questions/{question.pk}/email/")

    assert response.status_code == 404
