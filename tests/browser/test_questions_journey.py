"""A delegate asks, a moderator approves, the room sees it, another delegate up-votes."""

import pytest
from playwright.sync_api import expect

from recap.questions.shortcodes import session_code
from tests.factories import SessionPageFactory

QUESTION = "What is the role of IC pros in social media?"


@pytest.mark.django_db(transaction=True)
def test_question_journey_ask_approve_present_vote(
    live_server, page, new_page, django_user_model, settings
):
    # A person takes seconds to type; the browser types at once.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    session = SessionPageFactory(title="Social media and internal comms")
    django_user_model.objects.create_superuser(
        "moderator", "moderator@example.org", "pw-moderator-1"
    )
    session_url = live_server.url + session.url

    # The delegate asks, without an account.
    page.goto(session_url)
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_label("Your name (optional)").fill("Ada Example")
    page.get_by_role("button", name="Send my question").click()
    expect(page.locator("[data-recap-status]")).to_contain_text("A moderator will check it")
    page.reload()
    expect(page.locator(".recap-questions__mine")).to_contain_text(QUESTION)

    # A moderator approves it in the admin.
    admin = new_page()
    admin.goto(live_server.url + "/admin/login/")
    admin.get_by_label("Username").fill("moderator")
    admin.get_by_label("Password").fill("pw-moderator-1")
    admin.get_by_role("button", name="Sign in").click()
    admin.goto(live_server.url + "/admin/recap_questions/delegatequestion/")
    row = admin.locator("tr", has_text=QUESTION)
    row.get_by_role("button", name="Approve").click()
    expect(admin.get_by_text("Approved 1 question.")).to_be_visible()

    # It appears on the session page and in present mode.
    page.reload()
    expect(page.locator("[data-recap-question-list]")).to_contain_text(QUESTION)
    room = new_page()
    room.goto(f"{live_server.url}/q/{session_code(session)}/present/")
    expect(room.locator("[data-recap-top]")).to_contain_text(QUESTION)
    expect(room.locator(".recap-present__qr svg")).to_be_visible()

    # Another delegate's browser up-votes it.
    other = new_page()
    other.goto(session_url)
    item = other.locator(".recap-question", has_text=QUESTION)
    item.get_by_role("button", name="Up-vote").click()
    expect(item.locator("[data-recap-votes]")).to_have_text("1")
    expect(item.get_by_role("button", name="Voted")).to_be_visible()
    # The room's screen picks the vote up by polling, without a reload.
    expect(room.locator("[data-recap-top] .recap-present__votes").first).to_have_text(
        "1", timeout=20_000
    )
    other.reload()
    expect(
        other.locator(".recap-question", has_text=QUESTION).locator("[data-recap-votes]")
    ).to_have_text("1")
