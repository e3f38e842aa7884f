"""The speaker's page, opened by their signed link: no account, no login.

Never indexed, never cached (the URL is the key), never sent as a Referer.
English or French: the language the link names (``?lang=``), else the
URL's language prefix, else the browser's (Accept-Language), with a switch.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from recap.events.models import SessionSpeaker

from .approval import receive
from .forms import MaterialsForm
from .links import LinkRefused, read_link, speaker_sessions
from .models import MaterialSubmission
from .uploads import max_upload_bytes

DEFAULT_RATES = {"link": "20/h", "ip": "60/h"}


def rates():
    return {**DEFAULT_RATES, **(getattr(settings, "RECAP_SPEAKER_UPLOAD_RATES", {}) or {})}


def chosen_language(request):
    """The page's language: ?lang=, else the URL's prefix, else the browser's."""
    codes = [code for code, _name in settings.LANGUAGES]
    asked = request.GET.get("lang", "")
    for code in codes:
        if asked and (asked == code or code.split("-")[0] == asked):
            return code
    from_path = translation.get_language_from_path(request.path_info)
    if from_path:
        return from_path
    return translation.get_language_from_request(request, check_path=False)


def _private(response):
    add_never_cache_headers(response)  # no-store, private
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Never sent to other sites (the URL is the key); same-origin keeps the
    # Origin header that CSRF checks on the form's POST.
    response["Referrer-Policy"] = "same-origin"
    return response


def refused(request, status, message):
    response = TemplateResponse(
        request, "recap_materials/link_refused.html", {"message": message}, status=status
    )
    return _private(response)


def _limited(request, link):
    limits = rates()
    if is_ratelimited(
        request,
        group="recap_materials.link",
        key=lambda group, req: str(link.pk),
        rate=limits["link"],
        increment=True,
    ):
        return True
    return is_ratelimited(
        request, group="recap_materials.ip", key="ip", rate=limits["ip"], increment=True
    )


def speaker_view(request, event_id, token):
    """GET: the speaker's sessions, each with its form; POST: one session's form."""
    language = chosen_language(request)
    with translation.override(language):
        try:
            link = read_link(event_id, token)
        except LinkRefused as refusal:
            return refused(request, refusal.status, refusal.message).render()
        response = _speaker_page(request, link, language)
        if hasattr(response, "render"):
            response.render()
        return response


def _speaker_page(request, link, language):
    sessions = list(
        speaker_sessions(link).prefetch_related(
            Prefetch(
                "speaker_links",
                queryset=SessionSpeaker.objects.select_related("speaker").order_by("sort_order"),
            ),
        )
    )
    forms = {session.pk: MaterialsForm(prefix=f"s{session.pk}") for session in sessions}
    status = 200
    if request.method == "POST":
        try:
            session_id = int(request.POST.get("session", ""))
        except ValueError:
            session_id = None
        session = next((s for s in sessions if s.pk == session_id), None)
        if session is None:
            return refused(request, 403, _("This link cannot send materials for that session."))
        if _limited(request, link):
            return refused(
                request, 429, _("Too many sends from this link. Wait an hour, then try again.")
            )
        form = MaterialsForm(request.POST, request.FILES, prefix=f"s{session.pk}")
        if form.is_valid():
            submission = receive(link, session, form.cleaned_data)
            query = urlencode({"lang": language.split("-")[0], "sent": submission.pk})
            return _private(HttpResponseRedirect(f"{request.path}?{query}#session-{session.pk}"))
        forms[session.pk] = form
        status = 400
    submissions = {}
    for submission in MaterialSubmission.objects.filter(
        speaker_id=link.speaker_id, session__in=[s.pk for s in sessions]
    ).select_related("slides_document"):
        submissions.setdefault(submission.session_id, []).append(submission)
    sent = None
    sent_id = request.GET.get("sent", "")
    if sent_id.isdigit():
        sent = next(
            (s for items in submissions.values() for s in items if s.pk == int(sent_id)), None
        )
    languages = [
        {
            "code": code,
            "name": name,
            "url": f"{request.path}?{urlencode({'lang': code.split('-')[0]})}",
            "current": code == language,
        }
        for code, name in settings.LANGUAGES
    ]
    context = {
        "link": link,
        "speaker": link.speaker,
        "event": link.event,
        "rows": [
            {
                "session": session,
                "form": forms[session.pk],
                "submissions": submissions.get(session.pk, []),
            }
            for session in sessions
        ],
        "sent": sent,
        "languages": languages,
        "lang": language.split("-")[0],
        "max_upload": max_upload_bytes(),
    }
    response = TemplateResponse(
        request, "recap_materials/speaker_page.html", context, status=status
    )
    return _private(response)
