"""A speaker's public page: who they are, every session they took part in
(grouped by event, upcoming and past), the write-ups they wrote and those
that feature them, and their resources.

Speakers import nothing from events or write-ups: sessions, events and
write-ups are reached through reverse relations (`session_links`,
`authored_writeups`, `writeup_links`, `resources`) and Wagtail's page tree.
"""

from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail.images import get_image_model
from wagtail.models import Page

from recap.core.links import absolute
from recap.core.pages import public_q
from recap.core.structured_data import json_ld_script

from .structured_data import person_document

PHOTO_FILTER = "fill-320x320-c50"
TEMPLATE = "recap_speakers/speaker_page.html"


def find_speaker(slug):
    """The speaker with `slug`, and whether it was an old slug (an alias)."""
    from .models import Speaker, SpeakerAlias

    speaker = Speaker.objects.filter(slug=slug).first()
    if speaker is not None:
        return speaker, False
    alias = SpeakerAlias.objects.select_related("speaker").filter(slug=slug).first()
    if alias is not None:
        return alias.speaker, True
    raise Http404("No speaker with that address.")


def sessions_by_event(speaker, now):
    """The speaker's live sessions grouped by event: two lists (upcoming,
    past) of {"event", "sessions": [{"session", "role"}]}, upcoming soonest
    first and past latest first. Four queries, however many sessions."""
    links = list(
        speaker.session_links.filter(page__live=True)
        .select_related("page")
        .order_by("page__start", "page__path")
    )
    if not links:
        return [], []
    steplen = Page.steplen
    parent_paths = {link.page.path[:-steplen] for link in links}
    events = {
        event.path: event
        for event in Page.objects.live().public().filter(path__in=parent_paths).specific()
    }
    groups = {}
    for link in links:
        event = events.get(link.page.path[:-steplen])
        if event is None:  # the event is a draft or private
            continue
        session = link.page
        session.__dict__["event"] = event
        group = groups.setdefault(event.pk, {"event": event, "sessions": []})
        group["sessions"].append({"session": session, "role": link.get_role_display()})
    upcoming = [g for g in groups.values() if g["event"].end >= now]
    past = [g for g in groups.values() if g["event"].end < now]
    upcoming.sort(key=lambda g: g["event"].start)
    past.sort(key=lambda g: g["event"].start, reverse=True)
    return upcoming, past


def speaker_writeups(speaker):
    """Write-ups the speaker wrote, and those that feature them (newest first)."""
    authored = list(
        speaker.authored_writeups.live().public().select_related("author").order_by("-date", "-pk")
    )
    authored_ids = {writeup.pk for writeup in authored}
    featured = [
        link.page
        for link in speaker.writeup_links.filter(public_q("page__"))
        .select_related("page", "page__author")
        .order_by("-page__date", "-page__pk")
        if link.page.pk not in authored_ids
    ]
    return authored, featured


def speaker_context(request, speaker, page=None, now=None):
    """Everything the speaker page shows, for the page view and the snippet
    preview (where `speaker` may be unsaved and has no relations yet)."""
    now = now or timezone.now()
    image = photo = None
    if speaker.photo_id:
        image = (
            get_image_model()
            .objects.prefetch_renditions(PHOTO_FILTER)
            .filter(pk=speaker.photo_id)
            .first()
        )
        photo = image.get_rendition(PHOTO_FILTER) if image else None
    if speaker.pk:
        upcoming, past = sessions_by_event(speaker, now)
        authored, featured = speaker_writeups(speaker)
        resources = list(speaker.resources.select_related("document", "image"))
    else:
        upcoming, past, authored, featured, resources = [], [], [], [], []
    url = speaker.get_url(request) if speaker.slug else ""
    canonical_url = absolute(request, url)
    bio_text = strip_tags(speaker.bio or "").strip()
    description = speaker.role_line or Truncator(bio_text).words(30)
    document = person_document(
        speaker, request, url=url, image_url=photo.url if photo else None, bio_text=bio_text
    )
    return {
        "page": page,
        "self": page,
        "speaker": speaker,
        "photo": photo,
        "upcoming_sessions": upcoming,
        "past_sessions": past,
        "authored_writeups": authored,
        "featured_writeups": featured,
        "resources": resources,
        "meta_title": speaker.name,
        "meta_description": description,
        "meta_image": image,
        "canonical_url": canonical_url,
        "json_ld": json_ld_script(document),
    }


def speaker_view(request, page, slug):
    """The speaker's page; an old slug (kept as an alias when records were
    merged or renamed) redirects permanently to the current one."""
    speaker, is_alias = find_speaker(slug)
    if is_alias:
        return HttpResponsePermanentRedirect(speaker.get_url(request))
    return TemplateResponse(request, TEMPLATE, speaker_context(request, speaker, page))
