"""A speaker's public page: who they are, and what apps above speakers add.

Speakers import nothing from the apps above them and query none of their
relations: a speaker's sessions (grouped by event, upcoming and past), the
write-ups they wrote or feature in, their resources, calendar and feed links
are sections those apps register under the ``recap_speaker_page_sections``
hook (see recap.core.sections). Hooks, not moving the page up: the page is a
route of SpeakerIndexPage, a page model of this app, and models stay put.
"""

import time

from django.http import Http404, HttpResponsePermanentRedirect
from django.template.response import TemplateResponse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from recap.core import page_views
from recap.core.language_links import subroute_translation_urls
from recap.core.links import absolute
from recap.core.sections import build_sections
from recap.core.structured_data import json_ld_script
from recap.core.translations import annotate_translations, canonical, show_translations

from ..exports.structured_data import person_document
from ..models import Speaker, SpeakerAlias

PHOTO_FILTER = "fill-320x320-c50"
# The main slot is cached under the content version (recap.core.versioning)
# and re-sorted by the clock this often ("upcoming" and "past" sessions).
MAIN_SLOT_TIMEOUT = 600
TEMPLATE = "recap_speakers/speaker_page.html"
SECTIONS_HOOK = "recap_speaker_page_sections"


def find_speaker(slug):
    """The speaker with `slug`, and whether it was an old slug (an alias)."""
    # The person (their canonical record); a translation shares the slug.
    # Their text in the reader's language comes along (show_translations).
    speaker = annotate_translations(canonical(Speaker.objects.filter(slug=slug))).first()
    if speaker is not None:
        return speaker, False
    alias = SpeakerAlias.objects.select_related("speaker").filter(slug=slug).first()
    if alias is not None:
        return alias.speaker, True
    raise Http404(_("No speaker with that address."))


@page_views.register("recap_speakers.Speaker")
def speaker_context(request, speaker, page=None):
    """Everything the speaker page shows, for the page view and the snippet
    preview (where `speaker` may be unsaved: sections then show nothing)."""
    image = photo = None
    if speaker.photo_id:
        image = (
            get_image_model()
            .objects.prefetch_renditions(PHOTO_FILTER)
            .filter(pk=speaker.photo_id)
            .first()
        )
        photo = image.get_rendition(PHOTO_FILTER) if image else None
    url = speaker.get_url(request) if speaker.slug else ""
    canonical_url = absolute(request, url)
    # The switch and hreflang: this person under each language's directory.
    language_urls = (
        subroute_translation_urls(request, page, f"{speaker.slug}/")
        if page is not None and page.pk and speaker.slug
        else None
    )
    bio_text = speaker.bio_text  # cleaned when saved
    description = speaker.role_line or Truncator(bio_text).words(30)
    document = person_document(
        speaker, request, url=url, image_url=photo.url if photo else None, bio_text=bio_text
    )
    return {
        "page": page,
        "self": page,
        "speaker": speaker,
        "photo": photo,
        # Lazy: the template caches the "main" slot (sessions, write-ups,
        # resources), so on a hit those sections make no query.
        "recap_sections": build_sections(SECTIONS_HOOK, request, speaker, lazy=True),
        "fragment_timeout": MAIN_SLOT_TIMEOUT,
        "clock_bucket": int(time.time()) // MAIN_SLOT_TIMEOUT,
        "meta_title": speaker.name,
        "meta_description": description,
        "meta_image": image,
        "canonical_url": canonical_url,
        "language_urls": language_urls,
        "json_ld": json_ld_script(document),
    }


@page_views.register("recap_speakers.SpeakerIndexPage")
def speaker_view(request, page, slug):
    """The speaker's page; an old slug (kept as an alias when records were
    merged or renamed) redirects permanently to the current one."""
    speaker, is_alias = find_speaker(slug)
    if is_alias:
        return HttpResponsePermanentRedirect(speaker.get_url(request))
    show_translations([speaker])  # their bio and job title in the reader's language
    return TemplateResponse(request, TEMPLATE, speaker_context(request, speaker, page))
