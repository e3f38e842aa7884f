"""A delegate on a phone (390 px): asks on a session that publishes questions
at once and sees the question straight away; a question too short, sent
faster than the bot check allows, gets the real message, never a thank-you."""

import pytest
from playwright.sync_api import expect

from recap.questions.models import DelegateQuestion
from tests.factories import SessionPageFactory
from tests.questions.factories import DelegateQuestionFactory, question_settings

QUESTION = "Where can internal communicators find good resources?"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_delegate_on_a_phone_sees_their_question_at_once_and_real_messages(
    live_server, new_page, settings
):
    # Long enough that the browser's first send is "too fast"; no one waits in the test.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 60
    session = SessionPageFactory(title="Social media and internal comms")
    question_settings(session, questions_auto_approve=True)
    session.save_revision().publish()
    DelegateQuestionFactory(session=session, text="An older question, already shown", votes=4)
    page = new_page(width=390, height=844)
    page.goto(live_server.url + session.url)

    # Too short, and sent at once: the length rule speaks, nothing is thanked.
    page.get_by_label("Your question").fill("Why?")
    page.get_by_role("button", name="Send my question").click()
    expect(page.get_by_text("Your question is too short")).to_be_visible()
    expect(page.get_by_text("Thank you")).to_have_count(0)

    # Still quicker than the check allows: asked to check it and send again, text kept.
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator("[data-recap-status]")).to_contain_text("Check your question")
    expect(page.get_by_label("Your question")).to_have_value(QUESTION)
    assert not DelegateQuestion.objects.filter(text=QUESTION).exists()

    # Sent again (time has passed): shown at once, in the list, without a reload.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator("[data-recap-status]")).to_contain_text(
        "Thank you: your question is now shown."
    )
    expect(page.locator("[data-recap-question-list]")).to_contain_text(QUESTION)
    expect(page.locator("[data-recap-question-list]")).to_contain_text(
        "An older question, already shown"
    )
