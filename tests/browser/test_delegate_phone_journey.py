"""A delegate on a phone (390 px) in the room: every outcome of the ask form
is told next to Send, in view; a fast typer's question is sent once the
minimum fill time is over; a question sent offline goes, once, when the
connection returns; the questions refresh themselves; "Ask a question" is
near the top of a session under way."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recap.questions.models import DelegateQuestion, QuestionStatus
from recap.questions.shortcodes import session_code
from tests.factories import EventPageFactory, SessionPageFactory
from tests.questions.factories import DelegateQuestionFactory, question_settings

QUESTION = "Where can internal communicators find good resources?"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def one_rate_limit_window(monkeypatch):
    """Every request counts in the same rate-limit window, whatever the
    minute the test runs in (as tests/questions/conftest.py does)."""
    monkeypatch.setattr("django_ratelimit.core._get_window", lambda value, period: 4_102_444_800)


def session_under_way(**settings_values):
    now = timezone.now()
    event = EventPageFactory(start=now - dt.timedelta(hours=1), end=now + dt.timedelta(hours=8))
    session = SessionPageFactory(
        parent=event,
        title="Social media and internal comms",
        start=now - dt.timedelta(minutes=10),
        end=now + dt.timedelta(minutes=50),
    )
    question_settings(session, **settings_values)
    session.save_revision().publish()
    return session


def next_to_send(page, outcome, button_name):
    """The outcome is in view, right under the Send button."""
    expect(outcome).to_be_in_viewport()
    button = page.get_by_role("button", name=button_name).bounding_box()
    box = outcome.bounding_box()
    assert 0 <= box["y"] - (button["y"] + button["height"]) < 60, (button, box)


@pytest.mark.django_db(transaction=True)
def test_delegate_on_a_phone_sees_every_outcome_next_to_send(
    live_server, new_page, settings, one_rate_limit_window
):
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    session = session_under_way(questions_auto_approve=True)
    DelegateQuestionFactory(session=session, text="An older question, already shown", votes=4)
    page = new_page(**PHONE)
    page.goto(live_server.url + session.url)
    outcome = page.locator("#ask-outcome")

    # "Ask a question" is on the first screen, and leads to the form.
    jump = page.locator(".session__header").get_by_role("link", name="Ask a question")
    expect(jump).to_be_in_viewport()
    jump.click()
    expect(page.get_by_label("Your question")).to_be_in_viewport()

    # The consent box is a thumb's target, 24 px at least.
    consent = page.get_by_role("checkbox").bounding_box()
    assert consent["width"] >= 24 and consent["height"] >= 24, consent

    # Too short: the length rule speaks next to Send, nothing is thanked.
    page.get_by_label("Your question").fill("Why?")
    page.get_by_role("button", name="Send my question").click()
    expect(outcome).to_contain_text("Your question is too short")
    next_to_send(page, outcome, "Send my question")
    expect(page.get_by_text("Thank you")).to_have_count(0)

    # Sent: told next to Send, and shown in the list, without a reload.
    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send my question").click()
    expect(outcome).to_contain_text("Thank you: your question is now shown.")
    next_to_send(page, outcome, "Send my question")
    expect(page.locator("[data-recap-question-list]")).to_contain_text(QUESTION)

    # Two more, then a fourth in a minute: refused, told next to Send, text kept.
    for n in (2, 3):
        page.get_by_label("Your question").fill(f"Question number {n} from the same phone")
        page.get_by_role("button", name="Send my question").click()
        expect(outcome).to_contain_text("Thank you")
    page.get_by_label("Your question").fill("A fourth question in one minute")
    page.get_by_role("button", name="Send my question").click()
    expect(outcome).to_contain_text("You have sent several questions in the last minute")
    next_to_send(page, outcome, "Send my question")
    expect(page.get_by_label("Your question")).to_have_value("A fourth question in one minute")
    assert DelegateQuestion.objects.filter(session=session).count() == 4


@pytest.mark.django_db(transaction=True)
def test_fast_typer_is_sent_after_the_minimum_and_offline_is_sent_once(
    live_server, new_page, settings
):
    # Longer than the browser takes to load the page and send; the page waits it out.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 6
    session = session_under_way()
    page = new_page(**PHONE)
    page.goto(live_server.url + session.url)
    outcome = page.locator("#ask-outcome")

    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Send my question").click()
    expect(outcome).to_contain_text("Your question will be sent in")
    next_to_send(page, outcome, "Send my question")
    expect(outcome).to_contain_text("A moderator will check it", timeout=20_000)
    assert DelegateQuestion.objects.filter(text=QUESTION).count() == 1

    # The Wi-Fi drops: the text stays, the page says so; back online, it goes, once.
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    page.context.set_offline(True)
    page.get_by_label("Your question").fill("Sent while the Wi-Fi was down")
    page.get_by_role("button", name="Send my question").click()
    expect(outcome).to_contain_text("You are offline")
    next_to_send(page, outcome, "Send my question")
    expect(page.get_by_label("Your question")).to_have_value("Sent while the Wi-Fi was down")
    assert not DelegateQuestion.objects.filter(text="Sent while the Wi-Fi was down").exists()
    page.context.set_offline(False)
    expect(outcome).to_contain_text("A moderator will check it")
    expect(page.get_by_label("Your question")).to_have_value("")
    page.wait_for_timeout(1000)  # a second send would have come by now
    assert DelegateQuestion.objects.filter(text="Sent while the Wi-Fi was down").count() == 1


@pytest.mark.django_db(transaction=True)
def test_refused_without_javascript_lands_on_the_message_next_to_send(
    live_server, browser, settings
):
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 60
    session = session_under_way()
    context = browser.new_context(viewport=PHONE, locale="en-GB", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + session.url)
        page.get_by_label("Your question").fill(QUESTION)
        page.get_by_role("button", name="Send my question").click()

        outcome = page.locator("#ask-outcome")
        expect(page.get_by_role("heading", name="Please wait a few seconds")).to_have_count(1)
        expect(outcome).to_contain_text("seconds, then send it again: your text is kept")
        next_to_send(page, outcome, "Send again")
        expect(page.get_by_label("Your question")).to_have_value(QUESTION)
        assert not DelegateQuestion.objects.exists()
    finally:
        context.close()


@pytest.mark.django_db(transaction=True)
def test_session_page_shows_an_approved_question_without_a_reload(live_server, new_page):
    session = session_under_way()
    question = DelegateQuestionFactory(
        session=session, text="Approved while the delegate reads", status=QuestionStatus.PENDING
    )
    page = new_page(**PHONE)
    page.goto(live_server.url + session.url)
    expect(page.locator("[data-recap-live]")).not_to_contain_text("Approved while the delegate")
    page.evaluate("window.recapNotReloaded = true")

    question.status = QuestionStatus.APPROVED
    question.save()

    expect(page.locator("[data-recap-question-list]")).to_contain_text(
        "Approved while the delegate reads", timeout=20_000
    )
    assert page.evaluate("window.recapNotReloaded") is True


@pytest.mark.django_db(transaction=True)
def test_present_mode_keeps_a_wrapped_question_clear_of_its_badge(live_server, new_page):
    session = SessionPageFactory(title="Social media and internal comms")
    DelegateQuestionFactory(
        session=session,
        votes=12,
        text="A long question that wraps onto a second line on the room's screen, "
        "so that its second line would run under the vote badge if nothing kept "
        "it clear: what should internal communicators read first?",
    )
    room = new_page(width=800, height=600)
    room.goto(f"{live_server.url}/q/{session_code(session)}/present/")

    badge = room.locator("[data-recap-top] .recap-present__votes").bounding_box()
    text = room.locator("[data-recap-top] .recap-present__text")
    assert text.bounding_box()["height"] > 1.5 * badge["height"]  # it does wrap
    assert text.bounding_box()["x"] >= badge["x"] + badge["width"]
