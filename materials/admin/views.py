"""The admin's side of speaker links: per event, the speakers with their
links (copy, send, new link, revoke), the sessions with their materials'
state (filters "no slides yet" and "waiting for approval") and "Remind
speakers"; and the queue where editors approve, edit or reject what
speakers sent.

Whoever may edit an event manages its links; whoever may edit a session
decides on what was sent for it (Wagtail's page permissions)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.widgets import Button

from recap.events.models import EventPage

from ..approval import approve, reject
from ..links import event_speakers, issue_link, link_url, revoke_link
from ..models import MaterialSubmission, SpeakerLink, SubmissionStatus
from ..reminders import (
    FILTER_CHOICES,
    FILTERS,
    event_sessions,
    last_reminder,
    remind_speakers,
    reminder_days,
    send_link,
)


def _editable_event(request, event_id):
    event = get_object_or_404(EventPage, pk=event_id)
    if not event.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return event


def speaker_links_button(page, user, priority=76):
    if not issubclass(page.specific_class or object, EventPage):
        return []
    if not page.permissions_for_user(user).can_edit():
        return []
    return [
        Button(
            gettext_lazy("Speaker links"),
            reverse("recap_materials_links", args=[page.pk]),
            icon_name="link",
            priority=priority,
        )
    ]


def links_view(request, event_id):
    """GET: the event's speakers with their links, and its sessions' materials."""
    event = _editable_event(request, event_id)
    speakers = list(event_speakers(event))
    links = {link.speaker_id: link for link in SpeakerLink.objects.filter(event=event)}
    rows = []
    for speaker in speakers:
        link = links.get(speaker.pk)
        usable = link is not None and not link.is_revoked and not link.is_expired
        if usable:
            link.event = event
        rows.append(
            {
                "speaker": speaker,
                "link": link,
                "url": link_url(link, request) if usable else "",
            }
        )
    chosen = request.GET.get("filter", "")
    chosen = chosen if chosen in FILTERS else ""
    return TemplateResponse(
        request,
        "recap_materials/admin/links.html",
        {
            "event": event,
            "rows": rows,
            "sessions": list(event_sessions(event, chosen)),
            "filter": chosen,
            "filters": [("", _("All sessions")), *FILTER_CHOICES],
            "last_reminder": last_reminder(event),
            "reminder_days": reminder_days(),
        },
    )


@require_POST
def link_action_view(request, event_id, speaker_id):
    """POST action=make|send|renew|revoke for one speaker's link."""
    event = _editable_event(request, event_id)
    speaker = get_object_or_404(event_speakers(event), pk=speaker_id)
    action = request.POST.get("action", "")
    if action == "revoke":
        link = SpeakerLink.objects.filter(speaker=speaker, event=event).first()
        if link is not None:
            revoke_link(link)
        messages.success(request, _("%(name)s's link no longer works.") % {"name": speaker.name})
    elif action in ("make", "send", "renew"):
        link = issue_link(speaker, event, renew=action == "renew")
        link.event = event
        if action == "send":
            if send_link(link, request):
                link.sent_at = timezone.now()
                link.save(update_fields=["sent_at"])
                messages.success(request, _("Link sent to %(name)s.") % {"name": speaker.name})
            else:
                messages.error(
                    request, _("%(name)s has no email address.") % {"name": speaker.name}
                )
        elif action == "renew":
            messages.success(
                request,
                _("New link made for %(name)s: the old one no longer works.")
                % {"name": speaker.name},
            )
    else:
        messages.error(request, _("Unknown action."))
    return redirect("recap_materials_links", event.pk)


@require_POST
def remind_view(request, event_id):
    event = _editable_event(request, event_id)
    count = remind_speakers(event, request)
    messages.success(request, _("Reminders sent: %(count)s.") % {"count": count})
    return redirect("recap_materials_links", event.pk)


def _can_decide(user, submission):
    return submission.session.permissions_for_user(user).can_edit()


STATUS_FILTERS = [choice for choice, _label in SubmissionStatus.choices]


def queue_view(request):
    """What speakers sent, waiting first, for the sessions the user may edit."""
    status = request.GET.get("status", SubmissionStatus.PENDING)
    status = status if status in STATUS_FILTERS else SubmissionStatus.PENDING
    submissions = (
        MaterialSubmission.objects.filter(status=status)
        .select_related("speaker", "session", "slides_document")
        .order_by("-created_at", "-pk")[:200]
    )
    visible = [s for s in submissions if _can_decide(request.user, s)]
    return TemplateResponse(
        request,
        "recap_materials/admin/queue.html",
        {
            "submissions": visible,
            "status": status,
            "statuses": SubmissionStatus.choices,
        },
    )


@require_POST
def decide_view(request, submission_id):
    submission = get_object_or_404(
        MaterialSubmission.objects.select_related("session", "speaker"), pk=submission_id
    )
    if not _can_decide(request.user, submission):
        raise PermissionDenied
    action = request.POST.get("action")
    if action == "approve":
        approve(submission, request.user)
        messages.success(request, _("Approved and published."))
    elif action == "reject":
        reject(submission, request.user)
        messages.success(request, _("Rejected."))
    else:
        messages.error(request, _("Unknown action."))
    return redirect("recap_materials_queue")


def _formfield(field, **kwargs):
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class SubmissionEditForm(forms.ModelForm):
    class Meta:
        formfield_callback = _formfield
        model = MaterialSubmission
        fields = [
            "slides_title",
            "slides_url",
            "recording_url",
            "title_correction",
            "abstract_correction",
            "bio_correction",
        ]


def edit_view(request, submission_id):
    """An editor's changes to what a speaker sent, before approving it."""
    submission = get_object_or_404(
        MaterialSubmission.objects.select_related("session", "speaker"), pk=submission_id
    )
    if not _can_decide(request.user, submission):
        raise PermissionDenied
    form = SubmissionEditForm(request.POST or None, instance=submission)
    if request.method == "POST" and form.is_valid():
        form.save()
        if request.POST.get("action") == "approve":
            approve(submission, request.user)
            messages.success(request, _("Approved and published."))
        else:
            messages.success(request, _("Saved."))
        return redirect("recap_materials_queue")
    return TemplateResponse(
        request,
        "recap_materials/admin/edit.html",
        {"submission": submission, "form": form},
    )
