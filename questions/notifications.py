"""Emailing a delegate the answer to their question, once.

A delegate who gave an email address and ticked "send me the answer" is
emailed a link to the published page that answers their question (the
write-up citing it; see signals.py), once the page is public. Nobody else is emailed, and nobody
twice: `answer_emailed_at` is claimed in the database before sending, so a
second publish, or two at once, sends nothing more.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext

from recap.core.links import page_url
from recap.core.pages import is_public, private_section_paths

from .models import DelegateQuestion

logger = logging.getLogger(__name__)


def questions_to_email(page, question_ids):
    """The questions among `question_ids` answered in `page` whose askers
    asked for the answer and have not been sent it yet."""
    return (
        DelegateQuestion.objects.filter(
            pk__in=question_ids,
            answered_in=page,
            email_consent=True,
            answer_emailed_at=None,
        )
        .exclude(email="")
        .select_related("session")
    )


def email_answer(question, page):
    """Send one question's asker the link to `page`; returns whether it was sent.

    The question is claimed first (`answer_emailed_at`), so it is sent at
    most once; if sending fails the claim is released for the next publish."""
    context = {
        "question": question,
        "page": page,
        "answer_url": f"{page_url(None, page)}#question-{question.pk}",
    }
    return _send_once(question, context)


def email_written_answer(question):
    """Send the asker a written answer (with the link to it on the session's
    page), once: nothing if they gave no email with consent, or were sent an
    answer already, or the session's page is not public."""
    question = (
        DelegateQuestion.objects.filter(pk=question.pk, email_consent=True, answer_emailed_at=None)
        .exclude(email="")
        .exclude(written_answer="")
        .select_related("session")
        .first()
    )
    if question is None or question.session is None:
        return False
    session = question.session
    if not is_public(session, private_section_paths()):
        return False
    context = {
        "question": question,
        "page": session,
        "written": True,
        "answer_url": f"{page_url(None, session)}#question-{question.pk}",
    }
    return _send_once(question, context)


def _send_once(question, context):
    claimed = DelegateQuestion.objects.filter(pk=question.pk, answer_emailed_at=None).update(
        answer_emailed_at=timezone.now()
    )
    if not claimed:
        return False
    try:
        send_mail(
            subject=gettext("Your question has been answered"),
            message=render_to_string("recap_questions/email/answer.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[question.email],
        )
    except Exception:  # an SMTP error must never undo publishing the write-up
        logger.exception("Could not email the answer to question %s", question.pk)
        DelegateQuestion.objects.filter(pk=question.pk).update(answer_emailed_at=None)
        return False
    return True


def email_answers(page, question_ids):
    """Email the askers of `question_ids` answered in `page`, after the
    publish commits (a rolled-back publish emails nobody)."""

    def send():
        # A private write-up (view restriction) is no answer a delegate can
        # read: nobody is emailed, and the next publish once public sends it.
        page.refresh_from_db(fields=["live"])
        if not is_public(page, private_section_paths()):
            return
        for question in questions_to_email(page, question_ids):
            email_answer(question, page)

    transaction.on_commit(send)
