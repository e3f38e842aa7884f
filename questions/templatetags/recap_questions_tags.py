"""Template tags that put the question features on other apps' pages:
`{% session_questions page %}` on a session, `{% writeup_responses page %}`
under a write-up. Each costs a fixed number of queries, however many
questions there are: one for the list, one for this browser's votes."""

from django import template
from django.contrib.messages import get_messages
from django.db.models import Q
from django.urls import reverse

from recap.core.pages import is_public, private_section_paths

from .. import shortcodes
from ..forms import QuestionForm
from ..identity import current_browser_key
from ..models import PUBLIC_STATUSES, DelegateQuestion, QuestionStatus, QuestionVote

register = template.Library()

ORDERS = {"votes": ("-votes", "created_at", "pk"), "recent": ("-created_at", "-pk")}


def _questions_for(request, base_queryset, order, with_votes=True):
    """Public questions plus this browser's own pending ones, in one query;
    and the ids this browser voted for, in one more."""
    key = current_browser_key(request) if request is not None else ""
    visible = Q(status__in=PUBLIC_STATUSES)
    if key:
        visible |= Q(status=QuestionStatus.PENDING, asker_key=key)
    questions = list(
        base_queryset.filter(visible).select_related("answered_in").order_by(*ORDERS[order])
    )
    _hide_private_answers(questions)
    public = [q for q in questions if q.status in PUBLIC_STATUSES]
    own_pending = [q for q in questions if q.status == QuestionStatus.PENDING]
    voted = set()
    if with_votes and key and public:
        voted = set(
            QuestionVote.objects.filter(
                voter_key=key, question_id__in=[q.pk for q in public]
            ).values_list("question_id", flat=True)
        )
    return public, own_pending, voted


def _hide_private_answers(questions):
    """Drop, for this render only, links to answering pages the public may not
    see (a private or unpublished write-up): their titles stay private.
    The restrictions are read only when some question has an answer."""
    answered = [q for q in questions if q.answered_in is not None]
    if not answered:
        return
    paths = private_section_paths()
    for question in answered:
        if not is_public(question.answered_in, paths):
            question.answered_in = None  # never saved: a list to render


def _order(request):
    chosen = request.GET.get("questions") if request is not None else None
    return chosen if chosen in ORDERS else "votes"


def _messages(request):
    if request is None:
        return []
    return [m for m in get_messages(request) if "recap-questions" in m.tags]


@register.inclusion_tag("recap_questions/includes/session_questions.html", takes_context=True)
def session_questions(context, session):
    """The ask form, this browser's pending questions and the approved questions
    (with up-vote buttons) for a session page."""
    request = context.get("request")
    order = _order(request)
    public, own_pending, voted = _questions_for(
        request, DelegateQuestion.objects.filter(session=session), order
    )
    code = shortcodes.session_code(session)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "session": session,
        "questions": public,
        "own_pending": own_pending,
        "voted": voted,
        "order": order,
        "accepts_questions": session.accepts_questions(),
        "form": QuestionForm(auto_id="ask-%s"),
        "action": reverse("recap_questions:ask", args=[code]),
        "present_url": reverse("recap_questions:present", args=[code]),
        "recap_messages": _messages(request),
    }


@register.inclusion_tag("recap_questions/includes/writeup_responses.html", takes_context=True)
def writeup_responses(context, writeup):
    """The reader-response form and approved responses under a write-up that
    invites them (a call to action with "invite responses" ticked)."""
    request = context.get("request")
    invites = getattr(writeup, "invites_responses", None)
    invites = bool(callable(invites) and invites())
    public, own_pending = [], []
    if invites:
        public, own_pending, _ = _questions_for(
            request, DelegateQuestion.objects.filter(page=writeup), "recent", with_votes=False
        )
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "writeup": writeup,
        "invites": invites,
        "prompt": getattr(writeup, "responses_prompt", "") or "What do you think? Tell us.",
        "responses": public,
        "own_pending": own_pending,
        "form": QuestionForm(kind="response", auto_id="respond-%s") if invites else None,
        "action": reverse("recap_questions:respond", args=[writeup.pk]) if invites else "",
        "recap_messages": _messages(request) if invites else [],
    }
