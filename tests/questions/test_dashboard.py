"""The Recap panel on the Wagtail admin dashboard."""

import pytest

from recap.questions.models import QuestionStatus
from tests.factories import EventPageFactory, WriteUpPageFactory
from tests.questions.factories import DelegateQuestionFactory

pytestmark = pytest.mark.django_db


def test_dashboard_lists_events_pending_questions_and_drafts(admin_client):
    EventPageFactory(title="Comms Summit 2027")
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending for the dashboard")
    draft = WriteUpPageFactory(title="Draft write-up about the summit")
    draft.title = "Draft write-up about the summit, edited"
    draft.save_revision()

    html = admin_client.get("/admin/").content.decode()

    assert "Comms Summit 2027" in html
    assert "Questions waiting for moderation: 1" in html
    assert "Pending for the dashboard" in html
    assert "Draft write-up about the summit" in html


def test_dashboard_hides_pending_questions_from_non_moderators(client, editor):
    EventPageFactory(title="Comms Summit 2027")
    DelegateQuestionFactory(status=QuestionStatus.PENDING, text="Pending for the dashboard")
    client.force_login(editor)

    response = client.get("/admin/")
    html = response.content.decode()

    assert response.status_code == 200
    assert "Comms Summit 2027" in html  # the Recap panel is there, without questions
    assert "Pending for the dashboard" not in html
    assert "Questions waiting for moderation" not in html
