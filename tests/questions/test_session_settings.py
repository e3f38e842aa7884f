"""The questions app owns a session's question settings: a row of its own
(`SessionQuestionSettings`), edited in the session's "Questions" tab, moved
out of SessionPage by a migration that keeps the values."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.urls import reverse
from django.utils import timezone
from lxml import html as lxml_html
from wagtail.test.utils.form_data import querydict_from_html

from recap.events.models import SessionPage
from recap.questions.models import QuestionStatus, SessionQuestionSettings
from recap.questions.session_settings import FIELDS, accepts_questions, settings_for
from recap.questions.submission import status_for
from tests.factories import SessionPageFactory
from tests.questions.factories import question_settings

pytestmark = pytest.mark.django_db

QUESTIONS_BEFORE = ("recap_questions", "0001_squashed_0003_verbose_names_in_french")
EVENTS_BEFORE = ("recap_events", "0001_squashed_0008_verbose_names_in_french")


def test_session_page_has_no_questions_field():
    names = {field.name for field in SessionPage._meta.get_fields()}

    assert not names & set(FIELDS)


def test_session_without_settings_behaves_as_the_defaults():
    session = SessionPageFactory(
        start=timezone.now() + dt.timedelta(hours=1), end=timezone.now() + dt.timedelta(hours=2)
    )

    assert not SessionQuestionSettings.objects.filter(session=session).exists()
    assert accepts_questions(session)
    assert status_for(session) == QuestionStatus.PENDING


def test_settings_ride_the_page_revision_and_apply():
    session = SessionPageFactory()
    question_settings(session, questions_open=False, questions_auto_approve=True)

    session.save_revision().publish()

    stored = SessionQuestionSettings.objects.get(session=session)
    assert (stored.questions_open, stored.questions_auto_approve) == (False, True)
    fresh = SessionPage.objects.get(pk=session.pk)
    assert not accepts_questions(fresh)
    assert status_for(fresh) == QuestionStatus.APPROVED
    assert settings_for(fresh).pk == stored.pk


def tab_names(html):
    return [
        " ".join(tab.text_content().split()).split(" (")[0]
        for tab in lxml_html.fromstring(html).xpath('//*[@role="tab"]')
    ]


def test_session_editor_has_the_questions_tab_with_its_settings(admin_client):
    session = SessionPageFactory()
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()

    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))

    html = response.content.decode()
    assert tab_names(html)[:3] == ["Session", "Details", "Questions"]
    assert 'id="id_recap_question_settings-TOTAL_FORMS"' in html
    assert 'name="recap_question_settings-0-questions_auto_approve"' in html
    assert "Publish questions at once" in html


@pytest.mark.migrations
@pytest.mark.django_db(transaction=True)
def test_migrations_keep_each_sessions_settings_both_ways():
    close_at = timezone.now() + dt.timedelta(days=1)
    closed = SessionPageFactory()
    question_settings(
        closed, questions_open=False, questions_close_at=close_at, questions_auto_approve=True
    )
    closed.save_revision().publish()
    plain = SessionPageFactory()  # no row: the defaults

    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    # Back: the values return to SessionPage's columns.
    executor.migrate([QUESTIONS_BEFORE, EVENTS_BEFORE])
    executor.loader.build_graph()
    old = executor.loader.project_state([QUESTIONS_BEFORE, EVENTS_BEFORE]).apps
    OldSession = old.get_model("recap_events", "SessionPage")
    values = {row["pk"]: row for row in OldSession.objects.values("pk", *FIELDS)}
    assert values[closed.pk] == {
        "pk": closed.pk,
        "questions_open": False,
        "questions_close_at": close_at,
        "questions_auto_approve": True,
    }
    assert values[plain.pk] == {
        "pk": plain.pk,
        "questions_open": True,
        "questions_close_at": None,
        "questions_auto_approve": False,
    }
    OldSession.objects.filter(pk=plain.pk).update(questions_auto_approve=True)

    # Forth: one row per session, with its values.
    executor = MigrationExecutor(connection)
    executor.migrate(leaves)

    rows = {
        row["session_id"]: row
        for row in SessionQuestionSettings.objects.values("session_id", *FIELDS)
    }
    assert rows[closed.pk] == {
        "session_id": closed.pk,
        "questions_open": False,
        "questions_close_at": close_at,
        "questions_auto_approve": True,
    }
    assert rows[plain.pk] == {
        "session_id": plain.pk,
        "questions_open": True,
        "questions_close_at": None,
        "questions_auto_approve": True,
    }


def test_session_page_sees_settings_changed_outside_the_editor(client):
    # The page reads them per content version: a row saved from a shell (no
    # page publish) bumps it, so the next view shows the change.
    session = SessionPageFactory()
    before = client.get(session.url).content.decode()
    assert "A moderator checks questions" in before

    SessionQuestionSettings.objects.create(session=session, questions_auto_approve=True)

    html = client.get(session.url).content.decode()
    assert "Your question is shown here as soon as you send it." in html


def test_preview_shows_the_drafts_settings_not_the_live_ones(client):
    session = SessionPageFactory()
    assert "A moderator checks questions" in client.get(session.url).content.decode()
    question_settings(session, questions_auto_approve=True)
    session.save_revision()  # a draft: the live page keeps its settings

    draft = SessionPage.objects.get(pk=session.pk).get_latest_revision_as_object()
    preview = draft.make_preview_request().render().content.decode()
    live = client.get(session.url).content.decode()

    assert "Your question is shown here as soon as you send it." in preview
    assert "A moderator checks questions" in live
    assert not SessionQuestionSettings.objects.filter(session=session).exists()


def test_editor_publishes_the_settings_from_the_questions_tab(admin_client):
    session = SessionPageFactory()
    url = reverse("wagtailadmin_pages:edit", args=[session.pk])
    form = admin_client.get(url).content.decode()
    data = querydict_from_html(form, form_id="page-edit-form")
    data.update(
        {
            "recap_question_settings-TOTAL_FORMS": "1",
            "recap_question_settings-0-id": "",
            "recap_question_settings-0-ORDER": "1",
            "recap_question_settings-0-DELETE": "",
            # "questions open" left unticked, "publish at once" ticked.
            "recap_question_settings-0-questions_auto_approve": "on",
            "action-publish": "action-publish",
        }
    )

    response = admin_client.post(url, data)

    assert response.status_code == 302, response.context["form"].errors
    stored = SessionQuestionSettings.objects.get(session=session)
    assert (stored.questions_open, stored.questions_auto_approve) == (False, True)


def test_a_site_that_migrated_without_questions_can_install_them_later():
    # Such a site applied recap_events 0002 but not recap_questions 0002:
    # nothing in events may depend on it, or Django refuses to migrate.
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.filter(app="recap_questions").exclude(name=QUESTIONS_BEFORE[1]).delete()

    loader = MigrationLoader(connection)
    loader.check_consistent_history(connection)

    plan = MigrationExecutor(connection).migration_plan(loader.graph.leaf_nodes())
    assert ("recap_questions", "0002_squashed_0005_question_asked_at_and_written_answer") in {
        (migration.app_label, migration.name) for migration, _ in plan
    }
