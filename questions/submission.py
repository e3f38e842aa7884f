"""Storing questions and votes: once each, whatever the clients retry."""

from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import DelegateQuestion, QuestionSource, QuestionStatus, QuestionVote
from .present import bump_present_versions
from .session_settings import settings_for


@dataclass(frozen=True)
class Submission:
    """What became of a submission: the question (None for a quietly refused
    bot), whether this call stored it, and whether it waits for a moderator."""

    question: DelegateQuestion | None
    created: bool

    @property
    def held_for_moderation(self):
        return self.question is None or self.question.status == QuestionStatus.PENDING


def status_for(session=None, source=QuestionSource.ONLINE):
    """Held for moderation unless the session publishes questions at once."""
    if session is not None and settings_for(session).questions_auto_approve:
        return QuestionStatus.APPROVED
    return QuestionStatus.PENDING


def submit_question(
    *,
    text,
    session=None,
    page=None,
    source=QuestionSource.ONLINE,
    status=None,
    name="",
    organisation="",
    email="",
    email_consent=False,
    asker_key="",
    submission_token=None,
    token_checked=False,
    asked_at=None,
):
    """Store a cleaned question once per `submission_token`.

    `text`, `name` and `organisation` must already be cleaned (the forms do
    it). A second call with the same token, even at the same moment from
    another thread, stores nothing and returns the first question (the unique
    token decides; `token_checked` says the caller has just looked the token
    up, so it is not looked up twice before the insert). `asked_at`, for
    a question recorded later, is when it was asked (default: now).
    """
    if submission_token is not None and not token_checked:
        existing = DelegateQuestion.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return Submission(existing, created=False)
    question = DelegateQuestion(
        session=session,
        event_id=_event_id(session),
        page=page,
        text=text,
        name=name,
        organisation=organisation,
        email=email if email_consent else "",
        email_consent=bool(email and email_consent),
        source=source,
        status=status or status_for(session, source),
        asker_key=asker_key,
        submission_token=submission_token,
        asked_at=asked_at or timezone.now(),
    )
    try:
        with transaction.atomic():
            question.save()
    except IntegrityError:
        existing = DelegateQuestion.objects.filter(submission_token=submission_token).first()
        if submission_token is None or existing is None:
            raise
        return Submission(existing, created=False)
    return Submission(question, created=True)


def _event_id(session):
    """The id of the session's event: from `event_pk` when the session was
    fetched with it (the public ask does), else from its parent page."""
    if session is None:
        return None
    event_id = getattr(session, "event_pk", None)
    if event_id is None and session.event is not None:
        event_id = session.event.pk
    return event_id


def same_text(question, text):
    """Whether `text` (cleaned) is what was sent as `question`, even if a
    moderator has edited it since."""
    return (question.original_text or question.text) == text


def cast_vote(question, voter_key):
    """Count one vote from one browser; returns (counted, votes now).

    The vote row and the counter change in one transaction; the unique
    constraint refuses a second vote even when two arrive at once, and the
    counter is incremented in the database (F()), never read-modify-written.
    """
    counted = True
    try:
        with transaction.atomic():
            QuestionVote.objects.create(question=question, voter_key=voter_key)
            DelegateQuestion.objects.filter(pk=question.pk).update(
                votes=F("votes") + 1, updated_at=timezone.now()
            )
            bump_present_versions([question.session_id])
    except IntegrityError:
        counted = False
    votes = DelegateQuestion.objects.filter(pk=question.pk).values_list("votes", flat=True).first()
    return counted, votes or 0
