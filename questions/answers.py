"""Answers after the event: a written answer to a question that was not
answered in the room, and how a question's answer is described ("answered
in the room", "answered in <write-up>", "answered in writing", "not
answered yet") on the session page and the event's "What was asked" page.

The asker who left an email with consent is emailed once, whichever answer
comes first (a written answer or a write-up citing the question): the claim
is `answer_emailed_at` (notifications.py).
"""

from django.db import transaction
from django.utils import timezone
from django.utils.text import Truncator

from recap.core.versioning import bump_content_version

from .indexing import update_search_index
from .models import DelegateQuestion, QuestionStatus
from .present import bump_present_versions

SHORT_TEXT_WORDS = 16


def short_text(text, words=SHORT_TEXT_WORDS):
    """The start of a question for a confirmation: whole words, then an
    ellipsis when something was cut (never cut mid-word)."""
    return Truncator(text).words(words, truncate="…")


class Mark:
    """How a shown question was answered, for public pages."""

    IN_ROOM = "room"
    IN_WRITEUP = "writeup"
    IN_WRITING = "written"
    NOT_YET = "not_yet"


def answer_mark(question):
    """The question's mark (see Mark). A written answer wins over "in the
    room": it is what a reader can read."""
    if question.answered_in_id and question.answered_in is not None:
        return Mark.IN_WRITEUP
    if question.written_answer:
        return Mark.IN_WRITING
    if question.status == QuestionStatus.ANSWERED:
        return Mark.IN_ROOM
    return Mark.NOT_YET


def add_written_answer(question, text, answered_by=""):
    """Store `text` as the question's written answer (the question becomes
    answered), and email its asker once, after the commit."""
    from .notifications import email_written_answer

    now = timezone.now()
    with transaction.atomic():
        DelegateQuestion.objects.filter(pk=question.pk).update(
            written_answer=text,
            written_answer_by=answered_by,
            written_answer_at=now,
            status=QuestionStatus.ANSWERED,
            highlighted=False,
            updated_at=now,
        )
        if question.session_id:
            bump_present_versions([question.session_id])
        bump_content_version()
        update_search_index([question.pk])
    question.refresh_from_db()
    transaction.on_commit(lambda: email_written_answer(question))
    return question
