"""Template tags that put the question features on other apps' pages:
`{% session_questions page %}` on a session, `{% writeup_responses page %}`
under a write-up. Each shows one page of questions (PAGE_SIZE, "More
questions" links to the next, without JavaScript) and costs a fixed number
of queries, however many questions there are: one for the page, one for this
browser's own pending questions, one for its votes."""

from django import template
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.models import Page

from recap.core.pages import is_public, private_section_paths, public_q

from .. import shortcodes
from ..forms import OUTCOME_TAG, QuestionForm
from ..identity import current_browser_key, form_browser_token
from ..models import PUBLIC_STATUSES, DelegateQuestion, QuestionStatus, QuestionVote
from ..session_settings import accepts_questions, page_settings

register = template.Library()

ORDERS = {"votes": ("-votes", "created_at", "pk"), "recent": ("-created_at", "-pk")}
PAGE_SIZE = 20
OWN_PENDING_SHOWN = 10
PAGE_PARAMETER = "questions_page"
# Deeper than any real session: keeps OFFSET (and its cost) bounded.
MAX_PAGE = 500


def _page_number(request):
    raw = request.GET.get(PAGE_PARAMETER, "") if request is not None else ""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 4:
        return 1
    return min(max(int(raw), 1), MAX_PAGE)


def _questions_for(request, base_queryset, order, with_votes=True, anchor="questions", labels=None):
    """One page of public questions (and whether there are more), this
    browser's own pending ones, and the ids it voted for among them."""
    key = current_browser_key(request) if request is not None else ""
    page = _page_number(request)
    offset = (page - 1) * PAGE_SIZE
    public = list(
        base_queryset.filter(status__in=PUBLIC_STATUSES)
        .select_related("answered_in")
        .order_by(*ORDERS[order])[offset : offset + PAGE_SIZE + 1]
    )
    has_more = len(public) > PAGE_SIZE
    public = public[:PAGE_SIZE]
    _hide_private_answers(public)
    own_pending = []
    voted = set()
    if key:
        own_pending = list(
            base_queryset.filter(status=QuestionStatus.PENDING, asker_key=key).order_by(
                "-created_at", "-pk"
            )[:OWN_PENDING_SHOWN]
        )
        if with_votes and public:
            voted = set(
                QuestionVote.objects.filter(
                    voter_key=key, question_id__in=[q.pk for q in public]
                ).values_list("question_id", flat=True)
            )
    # The labels come from here, translated, so the includes need no i18n tags.
    labels = labels or {
        "nav_label": _("Pages of questions"),
        "previous_label": _("Previous questions"),
        "next_label": _("More questions"),
    }
    pages = {
        **labels,
        "number": page,
        "first_position": offset + 1,
        "next_url": f"?questions={order}&{PAGE_PARAMETER}={page + 1}#{anchor}" if has_more else "",
        "previous_url": (
            f"?questions={order}&{PAGE_PARAMETER}={page - 1}#{anchor}" if page > 1 else ""
        ),
    }
    return public, own_pending, voted, pages


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
    """This app's messages, in two lists: the ask form's outcome (shown next
    to its Send button) and the others (a vote's, at the top)."""
    if request is None:
        return [], []
    ours = [m for m in get_messages(request) if "recap-questions" in m.tags]
    outcome = [m for m in ours if OUTCOME_TAG in m.tags.split()]
    return outcome, [m for m in ours if m not in outcome]


def _message_lists(request, with_form=True):
    """The messages for the form's outcome and for the top of the section
    (all of them there when no form is shown)."""
    outcome, others = _messages(request)
    if not with_form:
        return {"outcome_messages": [], "recap_messages": outcome + others}
    return {"outcome_messages": outcome, "recap_messages": others}


def answering_pages(session, request=None, limit=3):
    """The public pages (write-ups) that answer this session's questions,
    newest first, as title and URL: two queries (the private sections, the
    pages), read from the questions' own `answered_in` links, so questions never reach up to write-ups."""
    answered = DelegateQuestion.objects.filter(
        session=session, status__in=PUBLIC_STATUSES, answered_in__isnull=False
    ).values("answered_in")
    pages = Page.objects.filter(public_q(), pk__in=answered).order_by("-first_published_at", "-pk")[
        :limit
    ]
    return [{"title": page.title, "url": page.get_url(request)} for page in pages]


def session_lists_context(request, session, *, settings=None, browser=""):
    """What the session's lists show (this browser's pending questions, one
    page of the delegates' questions with its votes): for the page, and for
    the page script's refresh (`views.session_questions_refresh`)."""
    order = _order(request)
    public, own_pending, voted, pages = _questions_for(
        request, DelegateQuestion.objects.filter(session=session), order
    )
    settings = settings if settings is not None else page_settings(session, request)
    return {
        "request": request,
        "session": session,
        "questions": public,
        "own_pending": own_pending,
        "voted": voted,
        "pages": pages,
        "browser_token": browser,
        "order": order,
        "accepts_questions": accepts_questions(session, settings),
    }


def refresh_query(request):
    """The list's order and page as the refresh asks for them again
    (validated: only the values the list itself would use)."""
    query = f"questions={_order(request)}"
    page = _page_number(request)
    return f"{query}&{PAGE_PARAMETER}={page}" if page > 1 else query


@register.inclusion_tag("recap_questions/includes/session_questions.html", takes_context=True)
def session_questions(context, session):
    """The ask form, this browser's pending questions and the approved questions
    (with up-vote buttons) for a session page."""
    request = context.get("request")
    code = shortcodes.session_code(session)
    browser = form_browser_token(request)
    settings = page_settings(session, request)
    data = session_lists_context(request, session, settings=settings, browser=browser)
    accepts = data["accepts_questions"]
    refresh_url = reverse("recap_questions:session_questions", args=[code])
    return {
        **data,
        "csrf_token": context.get("csrf_token"),
        "auto_approve": settings.questions_auto_approve,
        "answering_pages": [] if accepts else answering_pages(session, request),
        "form": QuestionForm(auto_id="ask-%s", browser=browser) if accepts else None,
        "action": reverse("recap_questions:ask", args=[code]),
        "present_url": reverse("recap_questions:present", args=[code]),
        "refresh_url": f"{refresh_url}?{refresh_query(request)}",
        **_message_lists(request, with_form=accepts),
    }


@register.inclusion_tag("recap_questions/includes/writeup_responses.html", takes_context=True)
def writeup_responses(context, writeup):
    """The reader-response form and approved responses under a write-up that
    invites them (a call to action with "invite responses" ticked)."""
    request = context.get("request")
    invites = getattr(writeup, "invites_responses", None)
    invites = bool(callable(invites) and invites())
    public, own_pending, pages = [], [], None
    if invites:
        public, own_pending, _voted, pages = _questions_for(
            request,
            DelegateQuestion.objects.filter(page=writeup),
            "recent",
            with_votes=False,
            anchor="responses",
            labels={
                "nav_label": _("Pages of responses"),
                "previous_label": _("Newer responses"),
                "next_label": _("More responses"),
            },
        )
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "writeup": writeup,
        "invites": invites,
        "prompt": getattr(writeup, "responses_prompt", "") or _("What do you think? Tell us."),
        "responses": public,
        "own_pending": own_pending,
        "pages": pages,
        "form": QuestionForm(
            kind="response", auto_id="respond-%s", browser=form_browser_token(request)
        )
        if invites
        else None,
        "action": reverse("recap_questions:respond", args=[writeup.pk]) if invites else "",
        **(_message_lists(request) if invites else {}),
    }
