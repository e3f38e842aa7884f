"""What was asked, kept with the talk: once a session has ended, its page
shows the questions shown in the room (approved or answered), most voted
first, each marked with how it was answered, and how many were asked and
not shown (their content stays private). The event's "What was asked" page
lists every session's the same way (views.event_asked).

A fixed number of queries, whatever the number of questions: the shown
questions with their answering pages, the counts, and the private sections.
"""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from recap.core.pages import is_public, private_section_paths

from .answers import Mark, answer_mark
from .models import PUBLIC_STATUSES, DelegateQuestion

# A plenary's record on one page: more would be a page nobody reads.
MAX_SHOWN = 500


def shown_questions(queryset):
    """The public questions of `queryset`, most voted first (then first asked)."""
    return (
        queryset.filter(status__in=PUBLIC_STATUSES)
        .select_related("answered_in")
        .order_by("-votes", "asked_at", "pk")
    )


def counts_by_session(queryset):
    """{session id: (asked, not shown)} for the questions of `queryset` (one query)."""
    rows = queryset.values("session_id").annotate(
        asked=Count("pk"), shown=Count("pk", filter=Q(status__in=PUBLIC_STATUSES))
    )
    return {row["session_id"]: (row["asked"], row["asked"] - row["shown"]) for row in rows}


def record_items(questions, request=None, now=None):
    """Each question with what a public page shows of it: its mark, the
    link to the answer (a public page's anchor), the asker while their
    name may still be shown (the retention date), and a written answer."""
    now = now or timezone.now()
    paths = None
    items = []
    for question in questions:
        answer_url = ""
        if question.answered_in_id and question.answered_in is not None:
            paths = private_section_paths() if paths is None else paths
            if is_public(question.answered_in, paths):
                url = question.answered_in.get_url(request)
                answer_url = f"{url}#question-{question.pk}" if url else ""
            if not answer_url:
                question.answered_in = None  # a private answer: never saved, a list to render
        shown = question.asker_is_shown(now)
        items.append(
            {
                "question": question,
                "mark": answer_mark(question),
                "answer_url": answer_url,
                "name": question.name if shown else "",
                "organisation": question.organisation if shown else "",
            }
        )
    return items


def session_has_ended(session, now=None):
    return session.end is not None and session.end <= (now or timezone.now())


def session_record(request, session, now=None):
    """The context of a session's "What was asked" section."""
    questions = DelegateQuestion.objects.filter(session=session)
    items = record_items(list(shown_questions(questions)[:MAX_SHOWN]), request, now)
    asked, not_shown = counts_by_session(questions).get(session.pk, (0, 0))
    return {
        "session": session,
        "items": items,
        "asked_count": asked,
        "not_shown_count": not_shown,
        "marks": Mark,
        "event_asked_url": event_asked_url(session.event) if session.event else "",
    }


def event_asked_url(event):
    return reverse("recap_questions:event_asked", args=[event.pk])
