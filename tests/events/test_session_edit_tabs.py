"""The session editor's tabs: the session's own, plus those the installed
higher apps add through the "recap_session_edit_tabs" hook (recap.questions,
optional, adds "Questions"). Runs with and without recap.questions."""

import pytest
from django.apps import apps
from django.urls import reverse
from lxml import html as lxml_html

from tests.factories import SessionPageFactory

pytestmark = pytest.mark.django_db


def session_tabs(client):
    session = SessionPageFactory()
    response = client.get(reverse("wagtailadmin_pages:edit", args=[session.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    tabs = [
        " ".join(tab.text_content().split()).split(" (")[0]
        for tab in lxml_html.fromstring(html).xpath('//*[@role="tab"]')
    ]
    return tabs, html


def test_session_editor_shows_the_questions_tab_only_with_recap_questions(admin_client):
    tabs, html = session_tabs(admin_client)

    if apps.is_installed("recap.questions"):
        assert tabs[:5] == ["Session", "Details", "Questions", "Recording", "Promote"]
        assert "recap_question_settings-TOTAL_FORMS" in html
    else:
        assert tabs[:4] == ["Session", "Details", "Recording", "Promote"]
        assert "Questions" not in tabs
        assert "recap_question_settings" not in html
