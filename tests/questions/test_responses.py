"""Reader responses to a write-up's call to action: same model, same rules."""

import json

import pytest
from django.test import Client

from recap.questions.models import DelegateQuestion, QuestionSource, QuestionStatus
from tests.factories import WriteUpPageFactory
from tests.questions.conftest import ask_data

pytestmark = pytest.mark.django_db

INVITING_BODY = json.dumps(
    [
        {
            "type": "call_to_action",
            "value": {
                "text": "Do you have a centre of excellence? Tell us.",
                "link_url": "",
                "link_text": "",
                "invite_responses": True,
            },
        }
    ]
)


@pytest.fixture
def writeup(db):
    return WriteUpPageFactory(
        title="Centres of excellence", body=INVITING_BODY, responses_prompt="Tell us yours."
    )


def respond_url(page):
    return f"/q/respond/{page.pk}/"


def test_writeup_inviting_responses_shows_the_form(client, writeup):
    response = client.get(writeup.url)

    html = response.content.decode()
    assert "Tell us yours." in html
    assert f'action="{respond_url(writeup)}#respond-outcome"' in html
    assert "private" in response["Cache-Control"]


def test_writeup_without_invitation_has_no_form(client, db):
    page = WriteUpPageFactory()

    response = client.get(page.url)

    assert response.status_code == 200
    assert page.title in response.content.decode()
    assert "/q/respond/" not in response.content.decode()


def test_response_is_stored_as_reader_response_held_for_moderation(client, writeup):
    response = client.post(respond_url(writeup), ask_data(text="We built one in 2024: it works."))

    assert response.status_code == 302
    assert response["Location"] == f"{writeup.url}#respond-outcome"
    stored = DelegateQuestion.objects.get()
    assert stored.source == QuestionSource.READER
    assert stored.page_id == writeup.pk
    assert stored.session_id is None
    assert stored.status == QuestionStatus.PENDING


def test_response_follows_the_same_rules(client, writeup):
    response = client.post(respond_url(writeup), ask_data(text="Too short"))

    assert response.status_code == 400
    assert "Your response is too short" in response.content.decode()


def test_response_to_a_page_without_invitation_is_404(client, db):
    page = WriteUpPageFactory()

    assert client.post(respond_url(page), ask_data()).status_code == 404


def test_approved_responses_are_listed_and_own_pending_only_for_the_reader(client, writeup):
    DelegateQuestion.objects.create(
        page=writeup,
        text="An approved response to show",
        source=QuestionSource.READER,
        status=QuestionStatus.APPROVED,
        name="Bea Example",
    )
    client.post(respond_url(writeup), ask_data(text="My own pending response"))

    mine = client.get(writeup.url).content.decode()
    theirs = Client().get(writeup.url).content.decode()

    assert "An approved response to show" in theirs
    assert "Bea Example" in theirs
    assert "My own pending response" in mine
    assert "My own pending response" not in theirs
