"""manage.py purge_question_personal_data."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from recap.questions.models import DelegateQuestion
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db


def aged(question, days):
    DelegateQuestion.objects.filter(pk=question.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )


@pytest.fixture
def questions():
    old = DelegateQuestionFactory(
        name="Ada Example", organisation="Acme", email="ada@example.org", email_consent=True
    )
    aged(old, 100)
    recent = DelegateQuestionFactory(name="Bea Example", organisation="Beta Ltd")
    aged(recent, 5)
    return old, recent


def test_purge_blanks_personal_data_of_old_questions_and_says_how_many(questions):
    old, recent = questions
    out = StringIO()

    call_command("purge_question_personal_data", "--older-than", "30", stdout=out)

    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.name, old.organisation, old.email, old.email_consent) == ("", "", "", False)
    assert old.personal_data_purged_at is not None
    assert old.text  # the question itself stays
    assert recent.name == "Bea Example"
    assert "Purged personal data from 1 question(s); re-indexed 1 search index entry." in (
        out.getvalue()
    )


def test_purge_dry_run_changes_nothing(questions):
    old, _ = questions
    out = StringIO()

    call_command("purge_question_personal_data", "--older-than", "30", "--dry-run", stdout=out)

    old.refresh_from_db()
    assert old.name == "Ada Example"
    assert "Would purge personal data from 1 question(s)." in out.getvalue()


def test_purge_twice_changes_nothing_the_second_time(questions):
    call_command("purge_question_personal_data", "--older-than", "30", stdout=StringIO())
    out = StringIO()

    call_command("purge_question_personal_data", "--older-than", "30", stdout=out)

    assert "from 0 question(s)" in out.getvalue()


def test_purge_large_set_in_batches(db):
    first = DelegateQuestionFactory(name="Someone")
    DelegateQuestion.objects.bulk_create(
        [
            DelegateQuestion(session=first.session, text=f"Question {n} text", name="Someone")
            for n in range(1200)
        ]
    )
    DelegateQuestion.objects.update(created_at=timezone.now() - dt.timedelta(days=60))
    out = StringIO()

    call_command(
        "purge_question_personal_data", "--older-than", "30", stdout=out, stderr=StringIO()
    )

    assert "from 1201 question(s)" in out.getvalue()
    assert not DelegateQuestion.objects.exclude(name="").exists()


@pytest.mark.search_index
def test_purge_removes_names_and_organisations_from_the_search_index(questions):
    old, recent = questions
    out = StringIO()

    call_command("purge_question_personal_data", "--older-than", "30", stdout=out)

    backend = get_search_backend()
    assert list(backend.search("Ada", DelegateQuestion)) == []
    assert list(backend.search("Acme", DelegateQuestion)) == []
    assert list(backend.search("Beta", DelegateQuestion)) == [recent]  # not purged yet
    entries = IndexEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(DelegateQuestion), object_id=str(old.pk)
    )
    assert entries.exists()
    if connection.vendor == "sqlite":  # elsewhere the columns hold search vectors
        assert not any("Ada" in (entry.body or "") for entry in entries)
    assert "re-indexed 1 search index entry" in out.getvalue()


def test_purge_uses_the_retention_setting_by_default(questions, settings):
    settings.RECAP_QUESTIONS_RETENTION_DAYS = 3
    old, recent = questions

    call_command("purge_question_personal_data", stdout=StringIO())

    recent.refresh_from_db()
    assert recent.name == ""


def test_opening_the_queue_purges_old_personal_data_once_a_day(client, moderator, questions):
    old, recent = questions
    client.force_login(moderator)

    client.get("/admin/recap_questions/delegatequestion/")
    old.refresh_from_db()
    recent.refresh_from_db()
    aged(recent, 200)
    client.get("/admin/")  # the dashboard too, but the day's purge is done
    later = DelegateQuestion.objects.get(pk=recent.pk)

    assert (old.name, old.email, old.email_consent) == ("", "", False)
    assert recent.name == "Bea Example"
    assert later.name == "Bea Example"


def test_opening_the_dashboard_purges_old_personal_data(client, moderator, questions):
    old, _ = questions
    client.force_login(moderator)

    client.get("/admin/")

    old.refresh_from_db()
    assert old.email == ""


def test_no_automatic_purge_when_retention_is_none(client, moderator, questions, settings):
    settings.RECAP_QUESTIONS_RETENTION_DAYS = None
    old, _ = questions
    client.force_login(moderator)

    client.get("/admin/recap_questions/delegatequestion/")

    old.refresh_from_db()
    assert old.email == "ada@example.org"
