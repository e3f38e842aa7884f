"""The editor's day after (issue 10, journey 2): a moderator records the
question a delegate asked after yesterday's panel, starts the write-up from
the event, answers the question in it and publishes; the session page shows
the question as answered and the delegate, who asked for the answer, has one
email with its link."""

import datetime as dt
import re

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from recap.questions.models import DelegateQuestion, QuestionStatus
from recap.writeups.models import WriteUpPage
from tests.factories import (
    EventIndexPageFactory,
    EventPageFactory,
    SessionPageFactory,
    SpeakerFactory,
    WriteUpIndexPageFactory,
    add_speaker,
)

pytestmark = pytest.mark.django_db(transaction=True)

PANEL = "Who owns social media at work?"
QUESTION = "What is the role of internal comms in social media, and where are the resources?"
ANSWER = "Give social media a home: a small team that trains everyone else."


@pytest.fixture
def yesterday():
    """Yesterday's conference with its panel, and where write-ups go."""
    start = (timezone.now() - dt.timedelta(days=1)).replace(hour=8, minute=0, second=0)
    event = EventPageFactory(
        parent=EventIndexPageFactory(),
        title="Social Media Day",
        start=start,
        end=start + dt.timedelta(hours=9),
    )
    panel = SessionPageFactory(
        parent=event,
        title=PANEL,
        kind="panel",
        start=start + dt.timedelta(hours=2),
        end=start + dt.timedelta(hours=3),
    )
    add_speaker(panel, SpeakerFactory(name="Maya Ellison"), role="moderator")
    WriteUpIndexPageFactory()
    return event, panel


@pytest.fixture
def moderator(django_user_model):
    """A member of Wagtail's Moderators group (Recap's data migrations give
    it the question permissions), not a superuser."""
    user = django_user_model.objects.create_user("mod", "mod@example.org", "pw-moderator-1")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user


def test_moderator_records_a_question_writes_it_up_and_the_delegate_is_emailed(
    live_server, page, yesterday, moderator, mailoutbox
):
    event, panel = yesterday
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("mod")
    page.get_by_label("Password").fill("pw-moderator-1")
    page.get_by_role("button", name="Sign in").click()

    # The question, recorded the next day for yesterday's panel.
    page.goto(live_server.url + reverse("recap_questions_delegatequestion_modeladmin_create"))
    page.locator("select[name=session]").select_option(str(panel.pk))
    page.locator("#id_text").fill(QUESTION)
    page.locator("#id_name").fill("Sam Delegate")
    page.locator("#id_email").fill("sam@example.org")
    page.locator("#id_email_consent").check()
    page.get_by_role("button", name="Record the question").click()
    expect(page.get_by_text("Saved and approved")).to_be_visible()
    question = DelegateQuestion.objects.get(text=QUESTION)
    assert question.status == QuestionStatus.APPROVED

    # The write-up, started from the event: the question is already in it.
    page.goto(live_server.url + reverse("wagtailadmin_pages:edit", args=[event.pk]))
    page.locator("header").get_by_role("button", name="Actions").click()
    page.get_by_role("link", name="Start a write-up").click()
    page.get_by_label(re.compile(re.escape(PANEL))).check()
    page.get_by_role("button", name="Start the write-up").click()
    expect(page.get_by_text("started from")).to_be_visible()
    writeup = WriteUpPage.objects.get()
    assert not writeup.live

    answer = page.locator("[data-contentpath='answer'] [contenteditable='true']").first
    answer.click()
    answer.type(ANSWER)
    # Draftail writes its field a moment after typing stops; publish after that.
    expect(page.locator("input[name='body-0-value-answer']")).to_have_value(
        re.compile("trains everyone else")
    )
    page.locator("footer").locator('[data-w-dropdown-target="toggle"]').last.click()
    page.get_by_role("button", name="Publish").click()
    expect(page.get_by_text("has been published")).to_be_visible()

    # The reader's side: the ended session's record links to the answer itself.
    writeup.refresh_from_db()
    question.refresh_from_db()
    assert writeup.live
    assert question.status == QuestionStatus.ANSWERED
    page.goto(live_server.url + panel.url)
    answered = page.locator(f".recap-record #question-{question.pk}")
    expect(answered).to_contain_text("Answered in")
    expect(answered.get_by_role("link")).to_have_attribute(
        "href", f"{writeup.url}#question-{question.pk}"
    )

    # The delegate asked for the answer: one email, with its link.
    assert [message.to for message in mailoutbox] == [["sam@example.org"]]
    assert f"{writeup.url}#question-{question.pk}" in mailoutbox[0].body
