"""A delegate's personal agenda, kept without an account.

Starring a session creates an `Agenda` with a random token, held in a signed
cookie; nothing about the person is stored. The agenda has a private feed at
a signed URL (django.core.signing) that lists whatever is starred now, so a
calendar subscribed to it follows the stars as they change.
"""

import uuid

from django.contrib import messages
from django.core import signing
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_cookie

from recap.core.links import absolute, webcal

from .models import Agenda, AgendaItem, EventPage, SessionPage

COOKIE_NAME = "recap_agenda"
COOKIE_SALT = "recap.agenda.cookie"
FEED_SALT = "recap.agenda.feed"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365 * 2
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


def starred_session_ids(request):
    """The ids of the sessions starred by this browser (one query per request)."""
    if not hasattr(request, _REQUEST_CACHE):
        agenda = agenda_for_request(request)
        ids = set(agenda.items.values_list("session_id", flat=True)) if agenda else set()
        setattr(request, _REQUEST_CACHE, ids)
    return getattr(request, _REQUEST_CACHE)


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
    sessions = (
        SessionPage.objects.live()
        .public()
        .filter(pk__in=agenda.items.values("session_id"))
        .select_related("room")
        .order_by("start", "pk")
        .with_events(EventPage.objects.live().public())
    )
    return [session for session in sessions if session.event is not None]


def _safe_next(request, fallback):
    target = request.POST.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@require_POST
def star_view(request):
    """Star or unstar a session (a plain form: works without JavaScript)."""
    try:
        session_id = int(request.POST.get("session", ""))
    except ValueError as exc:
        raise Http404 from exc
    session = get_object_or_404(SessionPage.objects.live().public(), pk=session_id)
    action = request.POST.get("action", "star")
    agenda = agenda_for_request(request)
    if action == "unstar":
        if agenda is not None:
            unstar(agenda, session)
        messages.success(request, f"Removed “{session.title}” from your agenda.")
    else:
        if agenda is None:
            agenda = Agenda.objects.create()
        star(agenda, session)
        messages.success(request, f"Added “{session.title}” to your agenda.")
    response = HttpResponseRedirect(_safe_next(request, reverse("recap_events:agenda")))
    if agenda is not None:
        remember_agenda(response, request, agenda)
    return response


@require_GET
@vary_on_cookie
def agenda_view(request):
    """The delegate's starred sessions, with the private feed's links."""
    agenda = agenda_for_request(request)
    feed_url = ""
    if agenda is not None:
        feed_url = absolute(
            request, reverse("recap_events:agenda_calendar", kwargs={"token": feed_token(agenda)})
        )
    response = TemplateResponse(
        request,
        "recap_events/agenda.html",
        {
            "sessions": agenda_sessions(agenda),
            "feed_url": feed_url,
            "webcal_url": webcal(feed_url),
        },
    )
    response["Cache-Control"] = "private, no-cache"
    return response


@require_GET
def agenda_calendar(request, token):
    """The private feed of an agenda, at its signed URL."""
    from .ical_views import agenda_calendar_view

    agenda = agenda_from_feed_token(token)
    if agenda is None:
        raise Http404("No such agenda.")
    return agenda_calendar_view(request, agenda)
