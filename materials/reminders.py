"""Sending speakers their links, and reminding those whose slides are missing.

A reminder goes to each speaker of the event with an email address and a
session without slides, at most once every ``RECAP_SPEAKER_REMINDER_DAYS``
days (default 3) per speaker; ``SpeakerLink.reminded_at`` records when.
"""

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Exists, Max, OuterRef
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from recap.events.models import SessionPage, SessionResource, SessionSpeaker
from recap.resources.models import ResourceKind

from .links import issue_link, link_url
from .models import MaterialSubmission, SpeakerLink, SubmissionStatus

DEFAULT_REMINDER_DAYS = 3


def reminder_days():
    return int(getattr(settings, "RECAP_SPEAKER_REMINDER_DAYS", DEFAULT_REMINDER_DAYS))


#: What an editor filters sessions by, as (value, label): the Speaker links
#: page and the admin's Sessions listing (admin/sessions.py).
FILTER_CHOICES = [
    ("no_slides", _("No slides yet")),
    ("pending", _("Materials waiting for approval")),
]
FILTERS = tuple(value for value, _label in FILTER_CHOICES)


def with_material_state(sessions, filter_name=""):
    """`sessions` annotated with `has_slides` and `has_pending` (two
    subqueries), and kept to those with "no_slides" (no slides yet) or
    "pending" (materials waiting for approval) when `filter_name` says so."""
    slides = SessionResource.objects.filter(
        page_id=OuterRef("pk"), resource__kind=ResourceKind.SLIDES
    )
    pending = MaterialSubmission.objects.filter(
        session_id=OuterRef("pk"), status=SubmissionStatus.PENDING
    )
    sessions = sessions.annotate(has_slides=Exists(slides), has_pending=Exists(pending))
    if filter_name == "no_slides":
        return sessions.filter(has_slides=False)
    if filter_name == "pending":
        return sessions.filter(has_pending=True)
    return sessions


def event_sessions(event, filter_name=""):
    """The event's sessions in time order with their material state,
    filtered as `with_material_state` says."""
    return with_material_state(SessionPage.objects.child_of(event), filter_name).order_by(
        "start", "path"
    )


def last_reminder(event):
    return SpeakerLink.objects.filter(event=event).aggregate(last=Max("reminded_at"))["last"]


def send_link(link, request=None, *, sessions=None):
    """Email the speaker their link (and, for a reminder, the sessions still
    without slides), in the site's language. Returns whether it went."""
    email = link.speaker.email
    if not email:
        return False
    context = {
        "speaker": link.speaker,
        "event": link.event,
        "url": link_url(link, request),
        "sessions": sessions or [],
        "expires_at": link.expires_at,
    }
    with translation.override(settings.LANGUAGE_CODE):
        template = "reminder" if sessions else "link"
        subject = render_to_string(f"recap_materials/emails/{template}_subject.txt", context)
        body = render_to_string(f"recap_materials/emails/{template}.txt", context)
    send_mail(" ".join(subject.split()), body, None, [email])
    return True


def remind_speakers(event, request=None):
    """Remind each speaker with an address and sessions without slides, unless
    reminded in the last few days. Returns how many were emailed."""
    now = timezone.now()
    since = now - dt.timedelta(days=reminder_days())
    missing = {}
    for link in (
        SessionSpeaker.objects.filter(
            page__in=event_sessions(event, "no_slides").values("pk"),
        )
        .exclude(speaker__email="")
        .select_related("speaker", "page")
        .order_by("page__start", "page__path")
    ):
        missing.setdefault(link.speaker, []).append(link.page.title)
    sent = 0
    for speaker, titles in missing.items():
        link = issue_link(speaker, event)
        if link.reminded_at and link.reminded_at > since:
            continue
        link.event = event
        if send_link(link, request, sessions=titles):
            link.reminded_at = now
            link.save(update_fields=["reminded_at"])
            sent += 1
    return sent
