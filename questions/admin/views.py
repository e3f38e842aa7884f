"""Staff views registered in the Wagtail admin: moderation actions, CSV
export and capturing questions asked aloud in the room."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.context_processors import csrf
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import slugify
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from recap.core import params
from recap.core.sections import Section
from recap.events.models import EventPage, SessionPage, attach_sessions_to_events

from ..answers import add_written_answer, short_text
from ..exports.csv import questions_csv_response
from ..models import PUBLIC_STATUSES, RECORD_SOURCES, DelegateQuestion, QuestionStatus
from ..moderation import ACTIONS, action_message, can_capture, can_moderate, moderate, queue_version
from ..purging import purge_if_due
from .forms import AskerEmailForm, RecordQuestionForm, WrittenAnswerForm

RECENT_CAPTURED = 8
# The capture chooser: sessions of the day (ended at most RECENT_HOURS ago or
# later), then the latest past ones; a search finds any other.
RECENT_HOURS = 12
CAPTURE_CHOICES = 100
PAST_CHOICES = 20


def _index_url():
    return reverse("recap_questions_delegatequestion_modeladmin_index")


def _require_moderator(request):
    if not can_moderate(request.user):
        raise PermissionDenied


@require_POST
def moderate_view(request):
    """One click on a row's button ("approve:12") or a bulk action on the ticked rows."""
    _require_moderator(request)
    single = request.POST.get("single", "")
    if single:
        action, _, pk = single.partition(":")
        ids = params.positive_ints([pk])
    else:
        action = request.POST.get("action", "")
        ids = params.positive_ints(request.POST.getlist("ids"))
    back = request.POST.get("next") or _index_url()
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = _index_url()
    if action not in ACTIONS:
        messages.error(request, gettext("Choose what to do with the questions."))
        return redirect(back)
    if not ids:
        messages.error(request, gettext("Tick at least one question first."))
        return redirect(back)
    count = moderate(
        DelegateQuestion.objects.filter(pk__in=ids), action, reason=request.POST.get("reason", "")
    )
    message = action_message(action, count)
    if "application/json" in request.headers.get("Accept", ""):
        # The queue's keys (moderation.js): the list is fetched again in
        # place, so the moderator keeps their place and focus.
        return JsonResponse({"message": message, "count": count})
    messages.success(request, message)
    return redirect(back)


def queue_state_view(request):
    """The moderation queue's version, polled by moderation.js: when it
    changes, the script fetches the list again (see moderation.queue_version)."""
    _require_moderator(request)
    response = JsonResponse({"version": queue_version()})
    response["Cache-Control"] = "no-store"
    return response


def export_view(request):
    """CSV of a session's (?session=) or an event's (?event=) questions, or
    of every question."""
    _require_moderator(request)
    session_id = params.positive_int(request.GET.get("session"))
    event_id = params.positive_int(request.GET.get("event"))
    if session_id is not None:
        place = get_object_or_404(SessionPage, pk=session_id)
        queryset = DelegateQuestion.objects.filter(session=place)
    elif event_id is not None:
        place = get_object_or_404(EventPage, pk=event_id)
        queryset = DelegateQuestion.objects.filter(event=place)
    else:
        place = None
        queryset = DelegateQuestion.objects.all()
    if place is None:
        filename = "questions.csv"
    else:
        filename = f"{slugify(place.title) or 'questions'}-questions.csv"
    return questions_csv_response(queryset, filename, request)


def _require_capturer(request):
    if not can_capture(request.user):
        raise PermissionDenied


def capture_choose_view(request):
    """Choose the session once; the capture screen then stays on it.

    Any session may be chosen, past ones too: questions are often typed up
    the day after. As Sessionize and pretalx's organiser screens do, the
    sessions of the day come first (running, upcoming, ended in the last 12
    hours), then the most recently ended ones, and a search by session or
    event title finds any other.
    """
    _require_capturer(request)
    session_id = params.positive_int(request.GET.get("session"))
    if session_id is not None:
        return redirect("recap_questions_capture", session_id=session_id)
    query = params.text(request.GET.get("q"), max_length=100)
    sessions = SessionPage.objects.select_related("room").only(
        "id", "path", "depth", "title", "start", "room", "room__name"
    )
    context = {"query": query}
    if query:
        events = EventPage.objects.filter(title__icontains=query)
        context["found"] = attach_sessions_to_events(
            sessions.filter(
                Q(title__icontains=query)
                | Q(pk__in=SessionPage.objects.filter(_child_of_any(events)).values("pk"))
            ).order_by("-start", "title")[:CAPTURE_CHOICES]
        )
    else:
        since = timezone.now() - dt.timedelta(hours=RECENT_HOURS)
        context["current"] = attach_sessions_to_events(
            sessions.filter(end__gte=since).order_by("start", "title")[:CAPTURE_CHOICES]
        )
        context["past"] = attach_sessions_to_events(
            sessions.filter(end__lt=since).order_by("-start", "title")[:PAST_CHOICES]
        )
    return TemplateResponse(request, "recap_questions/admin/capture_choose.html", context)


def _child_of_any(events):
    """A filter for the sessions whose event is among `events` (at most a few, searched by title)."""
    condition = Q(pk__in=[])
    for event in events.only("path", "depth")[:CAPTURE_CHOICES]:
        condition |= Q(path__startswith=event.path, depth=event.depth + 1)
    return condition


def _record_message(request, question, created):
    """What recording did, in words: saved, approved or held, or already saved."""
    text = short_text(question.text)
    if not created:
        message = gettext("Already saved: “%(text)s”")
    elif question.status == QuestionStatus.PENDING:
        message = gettext("Saved for a moderator: “%(text)s”")
    else:
        message = gettext("Saved and approved: “%(text)s”")
    messages.success(request, message % {"text": text})


def record_view(request):
    """The moderation queue's "Add": record a question for any session."""
    _require_capturer(request)
    form = RecordQuestionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        question = form.save()
        _record_message(request, question, question.created)
        return redirect(_index_url())
    return TemplateResponse(
        request,
        "recap_questions/admin/record.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


def capture_view(request, session_id):
    """Type question after question asked at one session (in the room by
    default): the record form, with the session fixed."""
    _require_capturer(request)
    session = get_object_or_404(SessionPage, pk=session_id)
    form = RecordQuestionForm(request.POST or None, user=request.user, session=session)
    if request.method == "POST" and form.is_valid():
        question = form.save()
        _record_message(request, question, question.created)
        return redirect("recap_questions_capture", session_id=session.pk)
    # Staff without the moderation permission see what staff recorded and
    # public questions, never delegates' pending ones.
    recent = _recorded_or_visible(request.user, DelegateQuestion.objects.filter(session=session))
    recent = recent.order_by("-created_at", "-pk")[:RECENT_CAPTURED]
    return TemplateResponse(
        request,
        "recap_questions/admin/capture.html",
        {"session": session, "form": form, "recent": recent},
        status=400 if form.errors else 200,
    )


def _recorded_or_visible(user, queryset):
    """The questions `user` may see, plus, for staff who may capture, the
    ones staff recorded (in the room, by email, after the session)."""
    if can_moderate(user):
        return queryset
    return queryset.filter(Q(status__in=PUBLIC_STATUSES) | Q(source__in=RECORD_SOURCES))


def asker_email_view(request, question_id):
    """Add or change a recorded question's asker email (with consent),
    after the fact: for anyone who may record questions."""
    _require_capturer(request)
    question = get_object_or_404(
        _recorded_or_visible(request.user, DelegateQuestion.objects.all()), pk=question_id
    )
    form = AskerEmailForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        form.save()
        if question.email:
            messages.success(request, gettext("The asker's email was saved."))
        else:
            messages.success(request, gettext("No email address is kept for this question."))
        if question.session_id:
            return redirect("recap_questions_capture", session_id=question.session_id)
        return redirect(_index_url())
    return TemplateResponse(
        request,
        "recap_questions/admin/asker_email.html",
        {"question": question, "form": form},
        status=400 if form.errors else 200,
    )


def written_answer_view(request, question_id):
    """A speaker's or editor's written answer to a public question that was
    not answered in the room; its asker (with consent) is emailed once."""
    _require_capturer(request)
    question = get_object_or_404(
        DelegateQuestion.objects.select_related("session"),
        pk=question_id,
        status__in=PUBLIC_STATUSES,
    )
    form = WrittenAnswerForm(request.POST or None, instance=question)
    if request.method == "POST" and form.is_valid():
        add_written_answer(
            question, form.cleaned_data["written_answer"], form.cleaned_data["written_answer_by"]
        )
        messages.success(request, gettext("The written answer was saved and is shown publicly."))
        return redirect(_index_url())
    return TemplateResponse(
        request,
        "recap_questions/admin/written_answer.html",
        {"question": question, "form": form},
        status=400 if form.errors else 200,
    )


class PendingQuestionsSection(Section):
    """Questions waiting for moderation, on the admin dashboard's
    "Conference" panel (for moderators only)."""

    template_name = "recap_questions/admin/dashboard_pending.html"
    order = 20

    def get_context(self, request, user):
        # Whoever opens the dashboard purges old personal data, at most once a day.
        purge_if_due()
        if not can_moderate(user):
            return None
        pending = DelegateQuestion.objects.filter(status=QuestionStatus.PENDING)
        return {
            "pending_count": pending.count(),
            "pending_latest": list(
                pending.select_related("session", "page").order_by("-created_at")[:5]
            ),
            "queue_url": reverse("recap_questions_delegatequestion_modeladmin_index")
            + "?status__exact=pending",
            "moderate_url": reverse("recap_questions_moderate"),
            # The dashboard panel renders without the request's context processors.
            "next_url": request.get_full_path(),
            **csrf(request),
        }
