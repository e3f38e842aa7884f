"""A delegate's personal agenda, kept without an account.

Starring a session creates an `Agenda` with a random token, held in a signed
cookie; nothing about the person is stored. The agenda has a private feed at
a signed URL (django.core.signing) that lists whatever is starred now, so a
calendar subscribed to it follows the stars as they change.

The star is a plain form (it works without JavaScript) with no CSRF token,
so the programme that carries 200 of them is the same HTML for every reader
and can be cached whole (recap.core.page_cache): every star is rendered
unstarred. The reader's own state comes after the page, from their own
request: `static/recap_events/agenda.js` asks `starred.json` (private, never
stored) which sessions are starred and marks them, and posts the stars
without leaving the page. Without JavaScript a star posts the form and the
reader lands on the agenda page, which shows the new state, the
confirmation and a link back to where they were.

Why the star view may go without Django's CSRF token: it only adds or
removes a session in the agenda whose random token is in the sender's own
signed cookie; it reveals nothing, sends nothing and changes nothing anyone
else sees. A forged cross-site post could at worst touch the victim's own
agenda, so the view refuses posts whose Origin (or, without one, Referer)
names another site, which every current browser sends on a cross-site
form post, and the cookie is SameSite=Lax besides (a cross-site post does
not carry it). This is the check Django's CSRF middleware makes before the
token; the token itself would only add per-reader HTML to every programme.
"""

import uuid
from urllib.parse import urlsplit

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseForbidden, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_cookie

from recap.core.links import absolute, webcal

from ..models import Agenda, AgendaItem, EventPage, SessionPage, attach_sessions_to_events
from .calendars import agenda_calendar_view

COOKIE_NAME = "recap_agenda"
COOKIE_SALT = "recap.agenda.cookie"
FEED_SALT = "recap.agenda.feed"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2
# How many sessions are starred, for the header's "My agenda (3)" on every
# page without a query. Not signed: it is only ever shown to its own browser.
COUNT_COOKIE_NAME = "recap_agenda_count"
_REQUEST_CACHE = "_recap_starred_session_ids"


def agenda_for_request(request):
    """The agenda whose token is in the request's signed cookie, or None."""
    token = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
    if not token:
        return None
    try:
        return Agenda.objects.filter(token=uuid.UUID(token)).first()
    except ValueError:
        return None


def remember_agenda(response, request, agenda):
    """Keep the agenda's token in the delegate's browser."""
    response.set_signed_cookie(
        COOKIE_NAME,
        str(agenda.token),
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=request.is_secure(),
    )


def remember_count(response, request, count):
    """Keep the number of starred sessions for the header's link."""
    if count:
        response.set_cookie(
            COUNT_COOKIE_NAME,
            str(count),
            max_age=COOKIE_MAX_AGE,
            samesite="Lax",
            secure=request.is_secure(),
        )
    else:
        response.delete_cookie(COUNT_COOKIE_NAME, samesite="Lax")


def starred_count(request):
    """The count the header shows (0 when none, or the cookie is garbage)."""
    try:
        count = int(request.COOKIES.get(COUNT_COOKIE_NAME, "0"))
    except ValueError:
        return 0
    return count if 0 < count < 100_000 else 0


def starred_session_ids(request):
    """The ids of the sessions starred by this browser: one query per request,
    none without the agenda cookie."""
    if not hasattr(request, _REQUEST_CACHE):
        ids = set()
        token = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT)
        if token:
            try:
                ids = set(
                    AgendaItem.objects.filter(agenda__token=uuid.UUID(token)).values_list(
                        "session_id", flat=True
                    )
                )
            except ValueError:
                pass
        setattr(request, _REQUEST_CACHE, ids)
    return getattr(request, _REQUEST_CACHE)


SHARED_FORM_ID = "agenda-star"


def button_state(starred):
    """The part of a star's button that differs between the two states."""
    # The ☆ / ★ glyph comes from site.css (button[name=star]::before).
    if starred:
        return format_html('name="unstar" aria-pressed="true">{}', _("In my agenda"))
    return format_html('name="star" aria-pressed="false">{}', _("Add to my agenda"))


def star_shared_form(action_url, next_url):
    """The one form a page's stars post with (`star_button(shared=True)`):
    the stars of a 200-session programme are then a button each, not a form.
    Its data attributes are what agenda.js needs to mark the reader's stars
    in the page's language."""
    return format_html(
        '<form class="agenda-star" id="{}" method="post" action="{}"'
        ' data-starred-url="{}" data-label-star="{}" data-label-unstar="{}">'
        '<input type="hidden" name="next" value="{}"></form>',
        SHARED_FORM_ID,
        action_url,
        reverse("recap_events:agenda_starred"),
        _("Add to my agenda"),
        _("In my agenda"),
        next_url,
    )


def star_button(session, starred=False, shared=False, described_by="", with_title=False):
    """One session's star: ``name="star"`` (or "unstar") with the session's
    id as its value. With `shared`, it posts the page's shared form (HTML's
    form attribute); `described_by` is the id of the session's title, which
    a screen reader announces with the button; `with_title` puts the title
    in the button's name instead (visually hidden)."""
    extra = format_html(' form="{}"', SHARED_FORM_ID) if shared else ""
    if described_by:
        extra += format_html(' aria-describedby="{}"', described_by)
    title = (
        format_html(
            '<span class="visually-hidden">{}</span>',
            # After "Add to my agenda": which session, quoted in the reader's language.
            _(": “%(title)s”") % {"title": session.title},
        )
        if with_title
        else ""
    )
    return format_html(
        '<button value="{pk}"{extra} {state}{title}</button>',
        pk=session.pk,
        extra=extra,
        state=button_state(starred),
        title=title,
    )


def star_form(session, action_url, next_url, starred=False):
    """A session's star in a form of its own (a session's page, the agenda
    page): a format_html call, not a template render, and no CSRF token (see
    the module's docstring). After the post, the reader lands on the agenda
    page with a link back to `next_url` at the session's anchor (added by the
    view)."""
    return format_html(
        '<form class="agenda-star" method="post" action="{}">'
        '<input type="hidden" name="next" value="{}">{}</form>',
        action_url,
        next_url,
        star_button(session, starred, with_title=True),
    )


def remove_form(session, action_url, next_url=""):
    """The agenda page's button that takes a session out: it reads "Remove"
    (the page lists only starred sessions, so a star's "In my agenda" says
    nothing there), and its accessible name says what it removes."""
    return format_html(
        '<form class="agenda-star agenda-remove" method="post" action="{}">'
        '<input type="hidden" name="next" value="{}">'
        '<button class="button button--secondary" name="unstar" value="{}">{}'
        '<span class="visually-hidden">{}</span></button></form>',
        action_url,
        next_url,
        session.pk,
        _("Remove"),
        # After "Remove": which session, quoted in the reader's language.
        _(" “%(title)s” from my agenda") % {"title": session.title},
    )


def _same_site_post(request):
    """False when the browser says the post came from another site."""
    origin = request.META.get("HTTP_ORIGIN")
    if origin is None:
        referer = request.META.get("HTTP_REFERER")
        if not referer:
            return True  # not a browser's cross-site form post
        return urlsplit(referer).netloc == request.get_host()
    if origin == "null":
        return False
    return urlsplit(origin).netloc == request.get_host()


def star(agenda, session):
    """Add a session to an agenda (idempotent); the feed's ETag changes."""
    AgendaItem.objects.get_or_create(agenda=agenda, session=session)
    agenda.save(update_fields=["updated_at"])


def unstar(agenda, session):
    """Remove a session from an agenda (idempotent)."""
    AgendaItem.objects.filter(agenda=agenda, session=session).delete()
    agenda.save(update_fields=["updated_at"])


def feed_token(agenda):
    """The signed token of the agenda's private feed URL."""
    return signing.Signer(salt=FEED_SALT).sign(str(agenda.token))


def agenda_from_feed_token(value):
    """The agenda a feed token stands for, or None if it was tampered with."""
    try:
        token = uuid.UUID(signing.Signer(salt=FEED_SALT).unsign(value))
    except (signing.BadSignature, ValueError):
        return None
    return Agenda.objects.filter(token=token).first()


def agenda_sessions(agenda):
    """The published sessions of an agenda with their events, in time order."""
    if agenda is None:
        return []
    sessions = attach_sessions_to_events(
        SessionPage.objects.live()
        .public()
        .filter(pk__in=agenda.items.values("session_id"))
        .select_related("room")
        .order_by("start", "pk"),
        EventPage.objects.live().public(),
    )
    return [session for session in sessions if session.event is not None]


def _safe_next(request, target):
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def count_label(count):
    """The words after the count in "My agenda (3 sessions)"."""
    return ngettext("session", "sessions", count)


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


@csrf_exempt  # a token-free form; see the module's docstring for why
@require_POST
def star_view(request):
    """Star or unstar a session (a plain form: works without JavaScript).

    Posted by agenda.js (Accept: application/json), it answers the new state
    in JSON and the reader stays where they were. Posted by a plain form, the
    reader lands on the agenda page, which shows the new state and the
    confirmation with a link back to where they were (the form's `next`, at
    the session's anchor)."""
    if not _same_site_post(request):
        return HttpResponseForbidden(_("This form can only be sent from this site."))
    # A star button sends star=<id> or unstar=<id>; session=<id> with
    # action=star|unstar is the older form, still accepted.
    if "unstar" in request.POST or "star" in request.POST:
        action = "unstar" if "unstar" in request.POST else "star"
        raw = request.POST.get(action, "")
    else:
        action = request.POST.get("action", "star")
        raw = request.POST.get("session", "")
    try:
        session_id = int(raw)
    except ValueError as exc:
        raise Http404 from exc
    session = get_object_or_404(SessionPage.objects.live().public(), pk=session_id)
    agenda = agenda_for_request(request)
    if action == "unstar":
        if agenda is not None:
            unstar(agenda, session)
        message = _("Removed “%(title)s” from your agenda.")
    else:
        if agenda is None:
            agenda = Agenda.objects.create()
        star(agenda, session)
        message = _("Added “%(title)s” to your agenda.")
    message = message % {"title": session.title}
    count = agenda.items.count() if agenda is not None else 0
    if _wants_json(request):
        response = JsonResponse(
            {
                "session": session.pk,
                "starred": action == "star",
                "count": count,
                "count_label": count_label(count),
                "message": message,
                "agenda_url": reverse("recap_events:agenda"),
                "agenda_label": _("See my agenda"),
            }
        )
        response["Cache-Control"] = "private, no-store"
    else:
        messages.success(request, message)
        target = reverse("recap_events:agenda")
        back = _safe_next(request, request.POST.get("next") or "")
        if back:
            if "#" not in back:  # back to where the reader was: the session's star
                back += f"#session-{session.pk}"
            target += "?" + urlencode({"back": back})
        response = HttpResponseRedirect(target)
    if agenda is not None:
        remember_agenda(response, request, agenda)
        remember_count(response, request, count)
    return response


@require_GET
@never_cache
def starred_json(request):
    """Which sessions this browser has starred, and the header's count: what
    agenda.js puts on a page every reader shares. Private, never stored."""
    ids = sorted(starred_session_ids(request))
    response = JsonResponse(
        {"sessions": ids, "count": len(ids), "count_label": count_label(len(ids))}
    )
    response["Cache-Control"] = "private, no-store"
    patch_vary_headers(response, ["Cookie"])
    return response


@require_GET
@vary_on_cookie
def agenda_view(request):
    """The delegate's starred sessions, with the private feed's links, and
    (after a star posted without JavaScript) a link back to where they were."""
    agenda = agenda_for_request(request)
    sessions = agenda_sessions(agenda)
    feed_url = ""
    if agenda is not None:
        feed_url = absolute(
            request, reverse("recap_events:agenda_calendar", kwargs={"token": feed_token(agenda)})
        )
    response = TemplateResponse(
        request,
        "recap_events/agenda.html",
        {
            "sessions": sessions,
            "feed_url": feed_url,
            "webcal_url": webcal(feed_url),
            "back_url": _safe_next(request, request.GET.get("back") or ""),
        },
    )
    response["Cache-Control"] = "private, no-cache"
    # The header's count follows what the agenda really holds.
    if starred_count(request) != len(sessions):
        remember_count(response, request, len(sessions))
    return response


@require_GET
def agenda_calendar(request, token):
    """The private feed of an agenda, at its signed URL."""
    agenda = agenda_from_feed_token(token)
    if agenda is None:
        raise Http404(_("No such agenda."))
    return agenda_calendar_view(request, agenda)
