"""Speaker links: making, signing, reading and revoking them.

The URL carries ``django.core.signing`` data (salted for this use only)
naming the ``SpeakerLink`` row and its version; nothing secret is stored.
A new link bumps the version, so the old URL is refused; revoking sets
``revoked_at``; the row's ``expires_at`` bounds every token of it.
"""

import datetime as dt

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from recap.core.links import absolute, site_root_url
from recap.events.models import SessionPage, SessionSpeaker
from recap.speakers.models import Speaker

from .models import SpeakerLink

SALT = "recap.materials.speaker_link"
DEFAULT_DAYS = 30


def link_days():
    """Days a link works after its event ends (RECAP_SPEAKER_LINK_DAYS)."""
    return int(getattr(settings, "RECAP_SPEAKER_LINK_DAYS", DEFAULT_DAYS))


def expiry_for(event):
    return max(event.end, timezone.now()) + dt.timedelta(days=link_days())


def event_speakers(event):
    """The people who speak at `event`'s sessions (published or not), by name."""
    sessions = SessionPage.objects.child_of(event)
    ids = SessionSpeaker.objects.filter(page__in=sessions).values("speaker_id")
    return Speaker.objects.filter(pk__in=ids).order_by("sort_name", "name")


@transaction.atomic
def issue_link(speaker, event, *, renew=False):
    """The speaker's link for `event`, made if there is none. `renew` (or a
    revoked or expired link) makes a new one: the old URL stops working."""
    link = SpeakerLink.objects.select_for_update().filter(speaker=speaker, event=event).first()
    if link is None:
        return SpeakerLink.objects.create(
            speaker=speaker, event=event, expires_at=expiry_for(event)
        )
    if renew or link.is_revoked or link.is_expired:
        link.version += 1
        link.created_at = timezone.now()
        link.expires_at = expiry_for(event)
        link.revoked_at = None
        link.save()
    return link


def revoke_link(link):
    link.revoked_at = timezone.now()
    link.save(update_fields=["revoked_at"])


def token_for(link):
    """The link's token: the same every time it is asked for (no timestamp;
    the row's expiry bounds it), so a copied link and a sent one match."""
    return signing.Signer(salt=SALT).sign_object([link.pk, link.version], compress=True)


def link_path(link):
    return reverse("recap_materials:speaker", args=[link.event_id, token_for(link)])


def link_url(link, request=None):
    """The link's absolute URL (the Site's, or WAGTAILADMIN_BASE_URL outside a request)."""
    path = link_path(link)
    if request is not None:
        return absolute(request, path)
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or site_root_url()
    return base.rstrip("/") + path


class LinkRefused(Exception):
    """Why a link cannot be used: `status` (403 or 410) and a message."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


def read_link(event_id, token):
    """The SpeakerLink that `token` opens for event `event_id`, or LinkRefused."""
    try:
        pk, version = signing.Signer(salt=SALT).unsign_object(token)
    except (signing.BadSignature, ValueError, TypeError):
        raise LinkRefused(
            403, _("This link is not valid. Check that you copied all of it.")
        ) from None
    link = SpeakerLink.objects.select_related("speaker", "event").filter(pk=pk).first()
    if link is None:
        raise LinkRefused(410, _("This link no longer exists. Ask the organisers for a new one."))
    if link.event_id != event_id:
        raise LinkRefused(403, _("This link is for another event."))
    if link.revoked_at is not None:
        raise LinkRefused(
            410, _("This link has been withdrawn by the organisers. Ask them for a new one.")
        )
    if link.version != version:
        raise LinkRefused(
            410, _("A newer link replaces this one. Use the latest link the organisers sent.")
        )
    if link.is_expired:
        raise LinkRefused(410, _("This link has expired. Ask the organisers for a new one."))
    return link


def speaker_sessions(link):
    """The link's speaker's sessions at its event, in time order."""
    return (
        SessionPage.objects.child_of(link.event)
        .filter(speaker_links__speaker_id=link.speaker_id)
        .order_by("start", "path")
    )
