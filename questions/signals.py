"""Answers outlive the event: publishing a page that cites delegate questions
in "question" blocks marks them answered, linked to that page.

Write-ups are never imported here (they depend on us, not the reverse):
any published page's StreamFields are searched for blocks of type "question".
"""

from wagtail.fields import StreamField

from .models import PUBLIC_STATUSES, DelegateQuestion
from .moderation import mark_answered_in
from .notifications import email_answers

QUESTION_BLOCK_TYPE = "question"


def cited_question_ids(page):
    """Ids of the questions cited by `page`'s top-level "question" blocks."""
    ids = set()
    for field in page._meta.get_fields():
        if not isinstance(field, StreamField):
            continue
        stream = getattr(page, field.name, None)
        if stream is None:
            continue
        for item in stream.raw_data:
            if item.get("type") != QUESTION_BLOCK_TYPE:
                continue
            value = item.get("value") or {}
            question_id = value.get("question") if isinstance(value, dict) else None
            if isinstance(question_id, int) or (
                isinstance(question_id, str) and question_id.isdigit()
            ):
                ids.add(int(question_id))
    return ids


def uncitable_question_ids(page):
    """Ids cited by `page` that are not public questions (pending, rejected,
    archived or missing): a page citing one must not be saved."""
    cited = cited_question_ids(page)
    if not cited:
        return []
    public = set(
        DelegateQuestion.objects.filter(pk__in=cited, status__in=PUBLIC_STATUSES).values_list(
            "pk", flat=True
        )
    )
    return sorted(cited - public)


def mark_cited_questions_answered(sender, instance, **kwargs):
    """page_published receiver: mark the cited questions answered, and email
    their askers who asked for the answer (once; see notifications.py)."""
    page = instance.specific
    cited = cited_question_ids(page)
    if mark_answered_in(cited, page):
        email_answers(page, cited)
