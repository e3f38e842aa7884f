"""Recording and keeping what was asked, in Chromium.

A Question moderator records yesterday's delegate question (with email,
consent and the time asked) and approves another with the `a` key without
a reload; after the event, a delegate's question is answered in the room,
another gets a written answer the next day (its asker emailed once), and
the askers' names leave the page at the retention date."""

import datetime as dt

import pytest
import time_machine
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from recap.questions.models import DelegateQuestion, QuestionStatus
from tests.factories import EventPageFactory, SessionPageFactory

PASSWORD = "pw-moderator-1"


def sign_in(page, live_server, username):
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def question_moderator(django_user_model):
    user = django_user_model.objects.create_user("roomvolunteer", password=PASSWORD)
    user.groups.add(Group.objects.get(name="Question moderators"))
    return user


@pytest.mark.django_db(transaction=True)
def test_moderator_records_yesterdays_question_and_approves_with_a_key(
    live_server, page, django_user_model
):
    yesterday = timezone.now() - dt.timedelta(days=1)
    event = EventPageFactory(
        title="Internal comms day",
        start=yesterday.replace(hour=9, minute=0, second=0, microsecond=0),
    )
    session = SessionPageFactory(parent=event, title="Panel on trust")
    waiting = DelegateQuestion.objects.create(
        session=session, event=event, text="A delegate's question waiting here?"
    )
    question_moderator(django_user_model)
    sign_in(page, live_server, "roomvolunteer")

    # The queue's Add: yesterday's question, asked by email, at a given time.
    page.goto(live_server.url + "/admin/recap_questions/delegatequestion/create/")
    expect(page.get_by_role("heading", name="New question")).to_be_visible()
    page.locator("select[name=session]").select_option(str(session.pk))
    page.locator("textarea[name=text]").fill("How do we rebuild trust after a merger?")
    page.get_by_label("By email").check()
    page.get_by_label("At another time (below)").check()
    local = timezone.localtime(session.start, session.tz).replace(minute=20)
    page.get_by_label("Asked at", exact=True).fill(local.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("Asked by (optional)").fill("Ama Mensah")
    page.get_by_label("Email (optional, private)").fill("ama@example.org")
    page.get_by_label("The asker agreed to be emailed the answer").check()
    expect(page.get_by_label("Approve now (shown on the session's page)")).to_be_checked()
    page.get_by_role("button", name="Record the question").click()

    expect(page.get_by_text("Saved and approved: “How do we rebuild trust")).to_be_visible()
    recorded = DelegateQuestion.objects.get(text="How do we rebuild trust after a merger?")
    assert recorded.email == "ama@example.org" and recorded.email_consent
    assert recorded.source == "email"
    assert recorded.status == QuestionStatus.APPROVED
    assert recorded.asked_at == local
    row = page.locator("tr", has_text="How do we rebuild trust after a merger?")
    expect(row.locator("time")).to_have_attribute("datetime", timezone.localtime(local).isoformat())

    # The `a` key approves the focused row in place: no reload, focus kept.
    page.evaluate("window.recapNoReload = true")
    pending_row = page.locator("tr[data-recap-question]", has_text=waiting.text)
    pending_row.focus()
    page.keyboard.press("a")
    expect(page.locator("[data-recap-queue-said]")).to_have_text("Approved 1 question.")
    assert page.evaluate("window.recapNoReload === true")
    assert page.evaluate(
        "document.activeElement && !!document.activeElement.closest('tr[data-recap-question]')"
    )
    waiting.refresh_from_db()
    assert waiting.status == QuestionStatus.APPROVED


@pytest.mark.django_db(transaction=True)
def test_after_the_event_the_record_keeps_answers_and_forgets_names(
    live_server, page, new_page, django_user_model, settings
):
    settings.RECAP_QUESTIONS_MIN_FILL_SECONDS = 0
    settings.RECAP_QUESTIONS_RETENTION_DAYS = 3
    now = timezone.now()
    session = SessionPageFactory(
        title="Measuring reach",
        start=now - dt.timedelta(minutes=10),
        end=now + dt.timedelta(minutes=30),
    )
    session.save_revision().publish()
    session_url = live_server.url + session.url
    question_moderator(django_user_model)

    # Two delegates ask during the session; one wants the answer by email.
    for text, name, email in (
        ("Which numbers matter most for reach?", "Jo Lin", ""),
        ("How often should we survey staff?", "Ama Mensah", "ama@example.org"),
    ):
        delegate = new_page()
        delegate.goto(session_url)
        delegate.get_by_label("Your question").fill(text)
        delegate.get_by_label("Your name (optional)").fill(name)
        if email:
            delegate.get_by_label("Email (optional, never shown)").fill(email)
            delegate.locator("input[name=email_consent]").check()
        delegate.get_by_role("button", name="Send my question").click()
        expect(delegate.locator("[data-recap-status]")).to_contain_text("moderator")
    aloud = DelegateQuestion.objects.get(text__startswith="Which numbers")
    later = DelegateQuestion.objects.get(text__startswith="How often")

    # The moderator shows both, and marks the first answered in the room.
    sign_in(page, live_server, "roomvolunteer")
    page.goto(live_server.url + "/admin/recap_questions/delegatequestion/")
    for question in (aloud, later):
        page.locator("tr", has_text=question.text).get_by_role("button", name="Approve").click()
        expect(page.get_by_text("Approved 1 question.")).to_be_visible()
    page.locator("tr", has_text=aloud.text).get_by_role("button", name="Mark answered").click()
    expect(page.get_by_text("Marked 1 question answered.")).to_be_visible()

    # The next day a speaker's answer is written in; the asker is emailed once.
    with time_machine.travel(now + dt.timedelta(days=1), tick=True):
        page.goto(live_server.url + "/admin/recap_questions/delegatequestion/")
        page.locator("tr", has_text=later.text).get_by_role("link", name="Write an answer").click()
        page.get_by_label("Written answer").fill("Twice a year, with a short pulse in between.")
        page.get_by_label("Answered by").fill("Sam Okafor")
        page.get_by_role("button", name="Save the answer").click()
        expect(page.get_by_text("The written answer was saved")).to_be_visible()
        page.locator("tr", has_text=later.text).get_by_role(
            "link", name="Change the written answer"
        ).click()
        page.get_by_role("button", name="Save the answer").click()
        expect(page.get_by_text("The written answer was saved")).to_be_visible()
        assert [message.to for message in mail.outbox] == [["ama@example.org"]]
        assert mail.outbox[0].body.startswith("Hello Ama Mensah,")

        reader = new_page()
        reader.goto(session_url)
        record = reader.locator(".recap-record")
        expect(record.locator(f"#question-{aloud.pk}")).to_contain_text("Answered in the room")
        expect(record.locator(f"#question-{later.pk}")).to_contain_text("Sam Okafor answered:")
        expect(record.locator(f"#question-{later.pk}")).to_contain_text("Ama Mensah")
        expect(record).to_contain_text("2 questions were asked.")

    # After the retention date the names are gone, the questions stay.
    with time_machine.travel(now + dt.timedelta(days=4), tick=True):
        reader.goto(session_url)
        record = reader.locator(".recap-record")
        expect(record).to_contain_text(later.text)
        expect(record).not_to_contain_text("Ama Mensah")
        expect(record).not_to_contain_text("Jo Lin")
