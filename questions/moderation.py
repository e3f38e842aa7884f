"""Moderating questions: who may, and what each action does.

Every action works on a queryset, so one click and a bulk action share the
code. Each sets `updated_at`, which present mode's ETag follows.
"""

from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from recap.core.versioning import bump_content_version

from .indexing import update_search_index
from .models import PUBLIC_STATUSES, DelegateQuestion, QuestionStatus
from .present import bump_present_versions

MODERATE_PERMISSION = "recap_questions.moderate_delegatequestion"

ACTIONS = {
    "approve": _("Approve"),
    "reject": _("Reject"),
    "highlight": _("Highlight"),
    "unhighlight": _("Remove highlight"),
    "answer": _("Mark answered"),
    "archive": _("Archive"),
}


def action_message(action, count):
    """What an action did, as a whole sentence with its plural (languages
    inflect the noun and the verb differently for one and for several)."""
    if count == 0:
        return gettext("No question was changed.")
    values = {"count": count}
    if action == "approve":
        return (
            ngettext("Approved %(count)s question.", "Approved %(count)s questions.", count)
            % values
        )
    if action == "reject":
        return (
            ngettext("Rejected %(count)s question.", "Rejected %(count)s questions.", count)
            % values
        )
    if action == "highlight":
        return (
            ngettext("Highlighted %(count)s question.", "Highlighted %(count)s questions.", count)
            % values
        )
    if action == "unhighlight":
        return (
            ngettext(
                "Removed the highlight from %(count)s question.",
                "Removed the highlight from %(count)s questions.",
                count,
            )
            % values
        )
    if action == "answer":
        return (
            ngettext(
                "Marked %(count)s question answered.", "Marked %(count)s questions answered.", count
            )
            % values
        )
    if action == "archive":
        return (
            ngettext("Archived %(count)s question.", "Archived %(count)s questions.", count)
            % values
        )
    raise ValueError(f"Unknown moderation action: {action}")


def can_moderate(user):
    """Whether `user` may see pending questions and personal data, and moderate."""
    return bool(
        user and user.is_active and (user.is_superuser or user.has_perm(MODERATE_PERMISSION))
    )


CAPTURE_PERMISSION = "recap_questions.add_delegatequestion"


def can_capture(user):
    """Whether `user` may record questions (capture screen, "Add", the chooser's "Create")."""
    return can_moderate(user) or bool(user and user.is_active and user.has_perm(CAPTURE_PERMISSION))


def visible_questions(user, queryset=None):
    """The questions `user` may see in the admin: all for moderators, public ones otherwise."""
    queryset = DelegateQuestion.objects.all() if queryset is None else queryset
    if can_moderate(user):
        return queryset
    return queryset.filter(status__in=PUBLIC_STATUSES)


def queue_version():
    """A value that changes whenever a question is added, removed or changed
    (status, votes, text...): the moderation queue's polling script reloads
    the list when it does. One query."""
    state = DelegateQuestion.objects.aggregate(count=Count("pk"), latest=Max("updated_at"))
    latest = state["latest"].timestamp() if state["latest"] else 0
    return f"{state['count']}-{latest:.6f}"


@transaction.atomic
def moderate(queryset, action, *, reason=""):
    """Apply `action` (a key of ACTIONS) to the questions in `queryset`; returns how many."""
    ids = list(queryset.values_list("pk", flat=True))
    questions = DelegateQuestion.objects.filter(pk__in=ids)
    bump_present_versions(questions.values_list("session_id", flat=True).distinct())
    # Cached pages and feeds that count or show public questions start afresh.
    bump_content_version()
    count = _apply(questions, ids, action, reason)
    # Updates send no signal: the search index follows here, once per action.
    update_search_index(ids)
    return count


def _apply(questions, ids, action, reason):
    now = timezone.now()
    if action == "approve":
        return questions.update(status=QuestionStatus.APPROVED, updated_at=now)
    if action == "reject":
        return questions.update(
            status=QuestionStatus.REJECTED,
            rejection_reason=(reason or "")[:255],
            highlighted=False,
            updated_at=now,
        )
    if action == "highlight":
        # The room's screen shows one highlighted question per session.
        sessions = questions.exclude(session=None).values_list("session_id", flat=True)
        DelegateQuestion.objects.filter(session__in=sessions, highlighted=True).exclude(
            pk__in=ids
        ).update(highlighted=False, updated_at=now)
        questions.filter(status=QuestionStatus.PENDING).update(status=QuestionStatus.APPROVED)
        return questions.update(highlighted=True, updated_at=now)
    if action == "unhighlight":
        return questions.update(highlighted=False, updated_at=now)
    if action == "answer":
        return questions.update(status=QuestionStatus.ANSWERED, highlighted=False, updated_at=now)
    if action == "archive":
        return questions.update(status=QuestionStatus.ARCHIVED, highlighted=False, updated_at=now)
    raise ValueError(f"Unknown moderation action: {action}")


def mark_answered_in(question_ids, page):
    """Mark the cited questions answered by `page` (a published write-up).

    Only public questions: a revision saved before a question was rejected
    (or written outside the admin) must not publish it by citing it.
    """
    if not question_ids:
        return 0
    questions = DelegateQuestion.objects.filter(pk__in=question_ids, status__in=PUBLIC_STATUSES)
    bump_present_versions(questions.values_list("session_id", flat=True).distinct())
    bump_content_version()
    ids = list(questions.values_list("pk", flat=True))
    count = questions.update(
        status=QuestionStatus.ANSWERED,
        answered_in=page,
        highlighted=False,
        updated_at=timezone.now(),
    )
    update_search_index(ids)
    return count
