"""Public question routes under /q/: ask, respond, vote, present.

Views stay thin: forms clean, `submission` stores, `present` shapes what the
screen shows. Every POST answers with a redirect back to the page (Post/
Redirect/Get) and a message, or with JSON when the client asks for it.
"""

import hashlib
import time

from django.contrib import messages
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.http import Http404, HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from wagtail.models import Page

from recap.core.pages import is_public, private_section_paths
from recap.core.params import text as text_param
from recap.core.requests import form_post
from recap.core.translations import in_active_language
from recap.core.versioning import cached
from recap.events.models import EventPage, SessionPage

from . import shortcodes
from .answers import Mark
from .forms import OUTCOME_ID, OUTCOME_TAG, QuestionForm, min_fill_seconds, new_form_fields
from .identity import (
    browser_key,
    current_browser_key,
    ensure_browser_id,
    known_browser_id,
    remember_browser,
)
from .models import PUBLIC_STATUSES, DelegateQuestion, QuestionSource
from .present import (
    etag_for_version,
    if_none_match,
    present_state,
    present_version,
    public_question,
    qr_svg,
    safe_json,
)
from .ratelimit import BROWSER, over_limit
from .record import counts_by_session, record_items, shown_questions
from .session_settings import accepts_questions, settings_annotations, settings_from, with_settings
from .submission import cast_vote, same_text, submit_question
from .templatetags.recap_questions_tags import refresh_query, session_lists_context

# What `accepts_questions` reads of the session, loaded with the voted
# question (its question settings come as annotations, in the same query).
SESSION_FIELDS_FOR_VOTES = (
    "end",
    "status",
    "kind",
)


def votes_word(votes):
    """The word after the count ("1 vote", "2 votes"), as the session's list
    words it: the page's script puts it next to the new count."""
    return ngettext("vote", "votes", votes)


def wants_json(request):
    """Progressive enhancement: fetch() sends Accept: application/json."""
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or request.headers.get("X-Requested-With") == "fetch"


def session_for_code(code):
    """The live, public session a short code names, or 404.

    One query on the hot path of a plenary (every question asked): the
    private sections' paths come from the cache (they change with the content
    version), and the session carries its event's id (`event_pk`, from its
    parent's tree path) so that storing a question needs no page lookup."""
    pk = shortcodes.decode(code)
    if pk is None:
        raise Http404("No such session.")
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    ).values("pk")[:1]
    session = (
        with_settings(SessionPage.objects.live().filter(pk=pk))
        .annotate(event_pk=Subquery(parent))
        .first()
    )
    private_paths = cached("questions:private-section-paths", private_section_paths)
    if session is None or not is_public(session, private_paths):
        raise Http404("No such session.")
    return session


def session_url(request, session=None, session_id=None):
    """The session's URL (Wagtail's `get_url`), kept per content version:
    working it out costs a Site lookup, on every question and vote otherwise.
    `session` may be None when only its id is at hand (it is then loaded on a
    cache miss only)."""
    pk = session.pk if session is not None else session_id

    def compute():
        page = session if session is not None else SessionPage.objects.get(pk=pk)
        # A French reader (/fr/q/<code>/) stays in French where the session is.
        return in_active_language(page).get_url(request)

    return cached(f"questions:session-url:{pk}:{request.get_host()}:{get_language()}", compute)


def ask_url(session):
    return reverse("recap_questions:ask", args=[shortcodes.session_code(session)])


def private(response):
    """Never let a shared cache keep a response made for one browser."""
    patch_cache_control(response, private=True, no_cache=True)
    patch_vary_headers(response, ["Cookie"])
    return response


def _back_url(request, fallback):
    candidate = request.POST.get("next") or request.GET.get("next")
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return fallback


def _confirmation(question, kind):
    """What the delegate is told once their text is stored: it matches what
    became of it (shown at once, or held for a moderator)."""
    held = question.status == "pending"
    if kind == "question":
        if held:
            return _(
                "Thank you: your question has been sent. A moderator will check it before it "
                "is shown; until then only you can see it here."
            )
        return _("Thank you: your question is now shown.")
    if held:
        return _(
            "Thank you: your response has been sent. A moderator will check it before it "
            "is shown; until then only you can see it here."
        )
    return _("Thank you: your response is now shown.")


def _landing_url(request, question, back_url, session=None):
    """Where the browser lands after a stored question (no JavaScript): at
    the outcome next to the form's Send button (`back_url` points there),
    where the delegate's eyes and thumb were.

    A question shown at once lands on the session's questions ordered by
    newest, so that it is the first under the form: ordered by votes, a new
    question with no vote could sit on a later page than the one the
    delegate lands on (Slido too switches to "Recent" after you ask)."""
    if session is None or question.status not in PUBLIC_STATUSES:
        return back_url
    return f"{session_url(request, session)}?questions=recent#{OUTCOME_ID['question']}"


def _question_html(request, question, session):
    """The question as the session's list shows it, for the page's script to
    put in the list at once (rendered and escaped by the same template)."""
    return render_to_string(
        "recap_questions/includes/question_item.html",
        {
            "question": question,
            "with_votes": True,
            "can_vote": True,
            "voted": set(),
            "vote_next": f"{session_url(request, session)}?questions=recent",
        },
        request=request,
    )


def _shown_again(request, kind, fields):
    """The posted form with a new submission token and start value, so the
    delegate can send its text as a new question with one click. The
    honeypot is emptied: a person's browser may have filled it."""
    data = request.POST.copy()
    for name, value in fields.items():
        data[name] = value
    data["website"] = ""
    return QuestionForm(data, kind=kind)


def _too_soon(kind, seconds, *, with_script=False):
    """What a person who sent the form quicker than the minimum fill time is
    told: with JavaScript the page waits and sends it by itself; without,
    they are told how long to wait before sending it again."""
    if with_script:
        if kind == "question":
            text = ngettext(
                "Not sent yet: questions sent this quickly are held back to stop spam. "
                "Your question will be sent in %(seconds)s second.",
                "Not sent yet: questions sent this quickly are held back to stop spam. "
                "Your question will be sent in %(seconds)s seconds.",
                seconds,
            )
        else:
            text = ngettext(
                "Not sent yet: responses sent this quickly are held back to stop spam. "
                "Your response will be sent in %(seconds)s second.",
                "Not sent yet: responses sent this quickly are held back to stop spam. "
                "Your response will be sent in %(seconds)s seconds.",
                seconds,
            )
    elif kind == "question":
        text = ngettext(
            "Not sent yet: questions sent this quickly are held back to stop spam. Wait "
            "%(seconds)s second, then send it again: your text is kept.",
            "Not sent yet: questions sent this quickly are held back to stop spam. Wait "
            "%(seconds)s seconds, then send it again: your text is kept.",
            seconds,
        )
    else:
        text = ngettext(
            "Not sent yet: responses sent this quickly are held back to stop spam. Wait "
            "%(seconds)s second, then send it again: your text is kept.",
            "Not sent yet: responses sent this quickly are held back to stop spam. Wait "
            "%(seconds)s seconds, then send it again: your text is kept.",
            seconds,
        )
    return text % {"seconds": seconds}


def _refusal(
    request,
    form,
    *,
    status,
    place,
    back_url,
    message,
    fresh_fields=None,
    closed=False,
    wait=0,
):
    if wants_json(request):
        errors = {field: [str(e) for e in errs] for field, errs in form.errors.items()}
        payload = {"ok": False, "message": message, "errors": errors}
        if fresh_fields:
            payload["form"] = fresh_fields
        if wait:
            # The page's script waits this long, then sends the form again
            # with `form`'s fields, saying so meanwhile.
            payload["wait"] = wait
            payload["waiting_message"] = _too_soon(form.kind, wait, with_script=True)
        return JsonResponse(payload, status=status)
    response = TemplateResponse(
        request,
        "recap_questions/ask_refused.html",
        {
            "form": form,
            "place": place,
            "back_url": back_url,
            "message": message,
            "rate_limited": status == 429,
            "too_soon": bool(wait),
            "closed": closed,
            "action": request.path,
            "outcome_id": OUTCOME_ID[form.kind],
        },
        status=status,
    )
    return private(response)


def _handle_submission(request, *, kind, place, back_url, session=None, page=None):
    form = QuestionForm(request.POST, kind=kind)
    # A browser with no id whose address has had its share of new ones this
    # minute may still ask; it just cannot see its own pending question.
    browser_id = ensure_browser_id(request)
    asker_key = browser_key(browser_id) if browser_id else ""

    def refuse(status, message, form=form, fresh_fields=None, wait=0):
        return remember_browser(
            request,
            _refusal(
                request,
                form,
                status=status,
                place=place,
                back_url=back_url,
                message=message,
                fresh_fields=fresh_fields,
                wait=wait,
            ),
        )

    # What the person wrote is checked first: a question that is too short,
    # empty or too long gets that message, whoever sent it and however fast.
    if not form.is_valid():
        if form.is_expired():
            # Fixed and sent again, it would be refused as too old: a new token now.
            fields = new_form_fields(at=time.time() - min_fill_seconds())
            return refuse(
                400,
                _("Please check the form: nothing was sent yet."),
                form=_shown_again(request, kind, fields),
                fresh_fields=fields,
            )
        return refuse(400, _("Please check the form: nothing was sent yet."))
    if form.is_bot():
        # A filled honeypot, a start value that is not this form's, or a form
        # sent quicker than RECAP_QUESTIONS_MIN_FILL_SECONDS. Bots rarely read
        # answers, but a person who is merely fast (or whose browser filled
        # the hidden field) must never be thanked for a question that was
        # dropped: they are asked to send it again, text kept. The new start
        # value counts from when the form was first shown, so the next send
        # goes through once a person's time has passed, and a bot gains
        # nothing by replaying it.
        fields = new_form_fields(at=form.started_at())
        wait = form.seconds_to_wait()
        if wait:
            # A person typing fast (or a phone's autofill): told how long to
            # wait, text kept; with JavaScript the page waits and sends it.
            return refuse(
                400,
                _too_soon(kind, wait),
                form=_shown_again(request, kind, fields),
                fresh_fields=fields,
                wait=wait,
            )
        return refuse(
            400,
            _("Check your question and send it again: it has not been sent yet.")
            if kind == "question"
            else _("Check your response and send it again: it has not been sent yet."),
            form=_shown_again(request, kind, fields),
            fresh_fields=fields,
        )
    if form.is_expired():
        # A genuine form left open too long: show it again, text kept,
        # ready to send at once (the person did take their time).
        fields = new_form_fields(at=time.time() - min_fill_seconds())
        return refuse(
            400,
            _(
                "This form was opened a long time ago, so it was not sent. Your text is "
                "kept below: send it again."
            ),
            form=_shown_again(request, kind, fields),
            fresh_fields=fields,
        )
    data = form.cleaned_data
    token = data["submission_token"]
    question = DelegateQuestion.objects.filter(submission_token=token).first() if token else None
    if question is None:
        limited = over_limit(request, "ask")
        if limited == BROWSER:
            return refuse(
                429,
                _(
                    "You have sent several questions in the last minute. Please wait a "
                    "minute and send this one again: your text is kept below."
                ),
            )
        if limited:
            return refuse(
                429,
                _(
                    "Too many questions are arriving from your network at the moment. "
                    "Please wait a minute and send this one again: your text is kept below."
                ),
            )
        question = submit_question(
            text=data["text"],
            session=session,
            page=page,
            source=QuestionSource.ONLINE if kind == "question" else QuestionSource.READER,
            name=data["name"],
            organisation=data["organisation"],
            email=data["email"],
            email_consent=data["email_consent"],
            asker_key=asker_key,
            submission_token=token,
            # Looked up just above: a retry found no question under this token.
            token_checked=True,
        ).question
    if not same_text(question, data["text"]):
        # The same form sent again with another text (the back button, an
        # edit, send): the first text was stored under this token. Storing
        # the second silently would make one form (and one start value)
        # good for any number of questions, so the delegate is told, and
        # the form comes back with a new token: one click sends it.
        fields = new_form_fields(at=form.started_at())
        return refuse(
            409,
            _(
                "This form was already sent, with another text, which was kept. The text "
                "below was not sent: send it to ask it as a new question."
            )
            if kind == "question"
            else _(
                "This form was already sent, with another text, which was kept. The text "
                "below was not sent: send it to add it as a new response."
            ),
            form=_shown_again(request, kind, fields),
            fresh_fields=fields,
        )
    message = _confirmation(question, kind)
    if wants_json(request):
        payload = {"ok": True, "message": message, "form": new_form_fields()}
        payload["question"] = public_question(question, request)
        if session is not None and question.status in PUBLIC_STATUSES:
            payload["question"]["html"] = _question_html(request, question, session)
        response = JsonResponse(payload)
    else:
        # Tagged as the ask form's outcome: told next to its Send button.
        messages.success(request, message, extra_tags=f"recap-questions {OUTCOME_TAG}")
        response = redirect(_landing_url(request, question, back_url, session))
    return remember_browser(request, private(response))


@form_post
def ask(request, code):
    """The session's short URL: GET goes to the ask form on the session's page;
    POST sends a question."""
    session = session_for_code(code)
    url = session_url(request, session)
    if request.method != "POST":
        # A closed session has no form: the code lands on its questions instead.
        anchor = "ask-question" if accepts_questions(session) else "questions"
        return redirect(f"{url}#{anchor}")
    back_url = f"{url}#{OUTCOME_ID['question']}"
    if not accepts_questions(session):
        # Ended, closed by its editors, cancelled or a break: refused with a
        # reason (403, never a 500), whatever the form holds; the text is
        # shown back so the delegate can copy it.
        form = QuestionForm(request.POST)
        form.is_valid()
        return _refusal(
            request,
            form,
            status=403,
            place=session,
            back_url=back_url,
            message=_("Questions for this session are closed: your question was not sent."),
            closed=True,
        )
    return _handle_submission(
        request, kind="question", place=session, back_url=back_url, session=session
    )


@form_post
@require_POST
def respond(request, page_id):
    """A reader's response to a write-up that invites them."""
    page = get_object_or_404(Page.objects.live().public(), pk=page_id).specific
    invites = getattr(page, "invites_responses", None)
    if not callable(invites) or not invites():
        raise Http404("This page does not take responses.")
    back_url = f"{page.get_url(request)}#{OUTCOME_ID['response']}"
    return _handle_submission(request, kind="response", place=page, back_url=back_url, page=page)


@form_post
@require_POST
def vote(request, question_id):
    """One up-vote per browser for a public question of a session whose
    questions are open. The browser must have an id issued by a page view
    (its cookie, or the id its page's form carries): see identity.py."""
    question = get_object_or_404(
        DelegateQuestion.objects.filter(status__in=PUBLIC_STATUSES)
        .select_related("session")
        .only(
            "pk",
            "session_id",
            *(f"session__{name}" for name in SESSION_FIELDS_FOR_VOTES),
        )
        .annotate(**settings_annotations("session__")),
        pk=question_id,
    )

    def back_url():
        # Only a browser without JavaScript is sent back (script gets JSON).
        fallback = "/"
        if question.session_id is not None:
            url = session_url(request, session_id=question.session_id)
            fallback = f"{url}#question-{question.pk}"
        return _back_url(request, fallback)

    def refused(status, message, *, title=None):
        if wants_json(request):
            response = JsonResponse({"ok": False, "message": message}, status=status)
        else:
            response = TemplateResponse(
                request,
                "recap_questions/vote_refused.html",
                {"message": message, "back_url": back_url(), "title": title},
                status=status,
            )
        return remember_browser(request, private(response))

    if question.session is None or not accepts_questions(
        question.session, settings_from(question, "session__")
    ):
        return refused(
            403,
            _("Questions for this session are closed: votes are no longer counted."),
            title=_("Voting is closed"),
        )
    browser_id = known_browser_id(request)
    if browser_id is None:
        # No cookie and no id from a page: a browser that has not shown the
        # page yet (or a script that drops its cookie). A new id is only
        # ever issued by a page view, which is what limits them per address.
        return refused(
            403,
            _(
                "Your vote was not counted: this browser is not recognised yet. Reload the "
                "page, then vote again."
            ),
            title=_("Reload the page to vote"),
        )
    limited = over_limit(request, "vote")
    if limited:
        if limited == BROWSER:
            message = _("You have voted many times in the last minute. Please wait a moment.")
        else:
            message = _(
                "Too many votes are arriving from your network at the moment. Please wait a "
                "moment and vote again."
            )
        return refused(429, message)
    counted, votes = cast_vote(question, browser_key(browser_id))
    message = (
        _("Thank you for your vote.") if counted else _("You have already voted for this one.")
    )
    if wants_json(request):
        response = JsonResponse(
            {
                "ok": True,
                "counted": counted,
                "voted": True,
                "votes": votes,
                "votes_word": votes_word(votes),
                "message": message,
            }
        )
    else:
        messages.success(request, message, extra_tags="recap-questions")
        response = redirect(back_url())
    return remember_browser(request, private(response))


@form_post
@require_POST
def keep_browser(request):
    """The session page's script turns the browser id its forms carry into
    the cookie as soon as the page is shown, so that the browser's next page
    views issue no new id: the limit on new ids per address then counts
    first visits only (without JavaScript, the first post sets the cookie)."""
    if known_browser_id(request) is None:
        return private(JsonResponse({"ok": False}, status=403))
    return remember_browser(request, private(HttpResponse(status=204)))


@require_GET
def present(request, code):
    """The room's screen: highlighted and top questions, the QR code to ask."""
    session = session_for_code(code)
    short_url = request.build_absolute_uri(ask_url(session))
    state = present_state(session, request)
    response = TemplateResponse(
        request,
        "recap_questions/present.html",
        {
            "session": session,
            "state": state,
            "state_json": safe_json(state),
            "short_url": short_url,
            "short_url_display": short_url.split("://", 1)[-1],
            "qr_svg": qr_svg(short_url),
            "data_url": reverse("recap_questions:present_data", args=[code]),
            "session_url": session_url(request, session),
        },
    )
    patch_cache_control(response, no_cache=True)
    return response


# No CSRF work (a GET that changes nothing) and no session or user: the poll
# of every phone in the room answers from one small query.
@csrf_exempt
@require_GET
def present_data(request, code):
    """The screen's state as JSON, with an ETag so unchanged polls cost a 304.

    The ETag is the session's question version (see present.py), read before
    anything else: a poll with the current ETag is answered with one small
    query, read from the database whatever the cache holds.
    The version is read before the state is built, so a change made in
    between can only make the ETag older than the body, never newer.
    """
    pk = shortcodes.decode(code)
    if pk is None:
        raise Http404("No such session.")
    etag = etag_for_version(present_version(pk))
    if etag is not None and etag in if_none_match(request):
        # A 304 carries no body: it tells a client that already has the state
        # only that nothing changed, so it needs no page lookup.
        response = HttpResponseNotModified()
    else:
        session = session_for_code(code)
        response = HttpResponse(
            safe_json(present_state(session, request)), content_type="application/json"
        )
    if etag is not None:
        response["ETag"] = etag
    patch_cache_control(response, no_cache=True)
    return response


def lists_etag(version, request):
    """The ETag of the session page's lists as this browser sees them: the
    session's question version (every ask, vote and moderation moves it on,
    and so does the clock closing its questions) and what else the lists
    depend on (their order and page, the language, this browser's own
    pending questions and votes)."""
    if version is None:
        return None
    parts = (refresh_query(request), get_language(), current_browser_key(request))
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:16]
    return f'"L{version}-{digest}"'


@require_GET
def session_questions_refresh(request, code):
    """The session page's lists (this browser's pending questions, the
    delegates' questions with their votes), as the page renders them, for
    its script to put in place without a reload, as present mode does.

    A conditional request: the ETag comes from the session's question
    version (`present_version`, one query by primary key, read from the
    database), so a poll while nothing changed is answered 304 with that one
    query. Nothing is shared between browsers (the lists show this
    browser's own questions and votes): private, never stored by a proxy."""
    pk = shortcodes.decode(code)
    if pk is None:
        raise Http404("No such session.")
    etag = lists_etag(present_version(pk), request)
    if etag is None:
        raise Http404("No such session.")
    if etag in if_none_match(request):
        response = HttpResponseNotModified()
    else:
        session = session_for_code(code)
        if session.is_break:
            raise Http404("No questions here.")
        context = session_lists_context(request, session)
        # Votes sent without JavaScript come back to the page, not here. The
        # form's browser id is never issued by a poll (ids are limited per
        # address): the page's script copies the page's own into new forms.
        context["vote_next"] = f"{session_url(request, session)}?{refresh_query(request)}"
        response = HttpResponse(
            render_to_string(
                "recap_questions/includes/session_question_lists.html", context, request=request
            )
        )
        response["X-Robots-Tag"] = "noindex"
    response["ETag"] = etag
    return private(response)


# Long enough for any phrase; longer searches are cut.
ASKED_QUERY_MAX = 100


@require_GET
def event_asked(request, event_id):
    """The event's "What was asked" page: every session's shown questions,
    grouped by session in programme order, with their marks and counts;
    `?q=` finds questions by their words. A live, public event only (a
    private one is not found, as its pages are not)."""
    event = EventPage.objects.live().filter(pk=event_id).first()
    if event is None or not is_public(event, private_section_paths()):
        raise Http404("No such event.")
    query = text_param(request.GET.get("q"), max_length=ASKED_QUERY_MAX)
    questions = DelegateQuestion.objects.filter(event=event, session__isnull=False)
    sessions = {
        session.pk: session
        for session in SessionPage.objects.live().public().descendant_of(event).order_by("start")
    }
    counts = counts_by_session(questions.filter(session__in=list(sessions)))
    shown = shown_questions(questions.filter(session__in=list(sessions)))
    if query:
        shown = shown.filter(text__icontains=query)
    items = record_items(list(shown[:2000]), request)
    by_session = {}
    for item in items:
        by_session.setdefault(item["question"].session_id, []).append(item)
    groups = []
    for pk, session in sessions.items():
        asked, not_shown = counts.get(pk, (0, 0))
        if not asked or (query and pk not in by_session):
            continue
        groups.append(
            {
                "session": session,
                "url": session.get_url(request),
                "items": by_session.get(pk, []),
                "asked_count": asked,
                "not_shown_count": not_shown,
            }
        )

    return TemplateResponse(
        request,
        "recap_questions/event_asked.html",
        {
            "event": event,
            "page": event,
            "groups": groups,
            "query": query,
            "found_count": len(items),
            "marks": Mark,
        },
    )
