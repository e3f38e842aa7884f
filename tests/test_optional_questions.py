"""recap.questions is optional: pages work with it (and show its parts) and
without it (`make test-without-questions` runs these with settings that
leave it out). Each test runs in the configuration it is about."""

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, reverse
from lxml import html as lxml_html

from recap.writeups.blocks import WriteUpBodyBlock
from tests.factories import SessionPageFactory, SpeakerFactory, WriteUpPageFactory, add_speaker

pytestmark = pytest.mark.django_db

with_questions = pytest.mark.skipif(
    not apps.is_installed("recap.questions"), reason="recap.questions is not installed"
)
without_questions = pytest.mark.skipif(
    apps.is_installed("recap.questions"), reason="runs only with settings without recap.questions"
)


def session_page(client):
    session = SessionPageFactory(title="The IC panel")
    add_speaker(session, SpeakerFactory(name="Ada Quill"))
    response = client.get(session.url)
    assert response.status_code == 200
    return lxml_html.fromstring(response.content)


@with_questions
def test_session_page_with_questions_shows_the_ask_form(client):
    tree = session_page(client)

    assert tree.xpath('//section[@id="questions"]//form')


@without_questions
def test_session_page_without_questions_has_no_questions_section(client):
    tree = session_page(client)

    assert tree.xpath("//h1")[0].text_content() == "The IC panel"
    assert "Ada Quill" in tree.xpath('//section[@class="session__speakers"]')[0].text_content()
    assert not tree.xpath('//section[@id="questions"]')


@without_questions
def test_question_routes_are_absent_without_questions(client):
    with pytest.raises(NoReverseMatch):
        reverse("recap_questions:present", args=["abcd"])


@without_questions
def test_writeup_page_without_questions_renders_without_responses(client):
    writeup = WriteUpPageFactory(title="Notes from the panel")

    response = client.get(writeup.url)

    assert response.status_code == 200
    assert b"Notes from the panel" in response.content
    assert b"recap-responses" not in response.content


@without_questions
def test_writeup_body_has_no_question_block_without_questions():
    assert "question" not in WriteUpBodyBlock.base_blocks
    assert "takeaways" in WriteUpBodyBlock.base_blocks


@with_questions
def test_writeup_body_has_the_question_block_with_questions():
    assert "question" in WriteUpBodyBlock.base_blocks
