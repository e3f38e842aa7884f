"""The speaker directory: A-Z, filterable by organisation, and by whatever
apps above speakers add through hooks.

Speakers is the lowest Recap app with models, so the directory knows only
speakers: the topic and event filters and each speaker's session count come
from the events app, through the ``recap_speaker_directory_filters`` and
``recap_speaker_directory_queryset`` hooks (see recap.core.filters). Hooks,
not moving the page up: the directory is a route of SpeakerIndexPage, a page
model of this app, and models do not move between apps.
"""

import string

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.db.models.functions import Left, Upper
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model

from recap.core import page_views
from recap.core.filters import ListFilter, apply_filters, read_filters
from recap.core.links import absolute
from recap.core.sections import registered
from recap.core.structured_data import json_ld_script
from recap.core.translations import annotate_translations, canonical, show_translations
from recap.core.typography import elide
from recap.core.versioning import cached

from ..models import Speaker

SPEAKERS_PER_PAGE = 24
PHOTO_FILTER = "fill-160x160-c50"
LETTERS = list(string.ascii_uppercase) + ["#"]
FILTERS_HOOK = "recap_speaker_directory_filters"
QUERYSET_HOOK = "recap_speaker_directory_queryset"


class OrganisationFilter(ListFilter):
    name = "organisation"
    label = _("Organisation")
    any_label = _("Any organisation")
    order = 10

    def choices(self):
        def compute():
            names = (
                canonical(Speaker.objects.exclude(organisation=""))
                .order_by("organisation")
                .values_list("organisation", flat=True)
                .distinct()
            )
            return [(name, name) for name in names]

        # Kept until something changes (recap.core.versioning).
        return cached("speaker-organisations", compute)

    def apply(self, queryset, selected):
        return queryset.filter(organisation=selected)

    def describe(self, selected):
        return elide(_("from %(organisation)s") % {"organisation": selected})


def filter_by_letter(speakers, letter):
    if letter == "#":
        return speakers.exclude(sort_name__regex=r"^[A-Za-z]")
    if letter:
        return speakers.filter(sort_name__istartswith=letter)
    return speakers


def letters_in_use(speakers):
    """The directory letters that have at least one speaker in `speakers`."""
    firsts = (
        speakers.order_by()
        .annotate(first=Upper(Left("sort_name", 1)))
        .values_list("first", flat=True)
        .distinct()
    )
    return {first if first in string.ascii_uppercase else "#" for first in firsts if first}


def item_list(speakers, request, first_position=1):
    """schema.org ItemList of the speakers on this page of the directory."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": first_position + n,
                "url": absolute(request, speaker.get_url(request)),
                "name": speaker.name,
            }
            for n, speaker in enumerate(speakers)
        ],
    }


def directory_context(request, page):
    """Everything the directory template shows, in a fixed number of queries."""
    letter = request.GET.get("letter", "").strip().upper()[:1]
    if letter and letter not in LETTERS:
        letter = ""
    filters = read_filters(request, [OrganisationFilter()], FILTERS_HOOK)

    # Each person once: their canonical record (recap.core.translations).
    filtered = apply_filters(canonical(Speaker.objects.all()), filters).distinct()
    if any(f.selected is not None for f in filters):
        in_use = letters_in_use(filtered)
    else:  # the whole directory's letters: kept until something changes
        in_use = cached("speaker-letters", lambda: letters_in_use(filtered))
    speakers = filter_by_letter(filtered, letter)
    # What higher apps show on each card (e.g. a session count).
    for extend in registered(QUERYSET_HOOK):
        speakers = extend(speakers)
    speakers = speakers.prefetch_related(
        Prefetch("photo", queryset=get_image_model().objects.prefetch_renditions(PHOTO_FILTER))
    ).order_by("sort_name", "name", "pk")
    # Job titles in the reader's language, in the same query.
    speakers = annotate_translations(speakers, fields=["job_title"])
    page_of_speakers = Paginator(speakers, SPEAKERS_PER_PAGE).get_page(request.GET.get("page"))
    show_translations(page_of_speakers)

    query = request.GET.copy()
    query.pop("page", None)
    letter_query = query.copy()
    letter_query.pop("letter", None)
    return {
        "page": page,
        "self": page,
        "speakers": page_of_speakers,
        "letters": [(each, each in in_use) for each in LETTERS],
        "letter": letter,
        "letter_query": letter_query.urlencode(),
        "filter_query": query.urlencode(),
        "filters": filters,
        "filter_phrases": [f.description for f in filters if f.description],
        "is_filtered": bool(letter or any(f.selected is not None for f in filters)),
        "item_list_json_ld": json_ld_script(
            item_list(page_of_speakers, request, page_of_speakers.start_index() or 1)
        ),
        "photo_filter": PHOTO_FILTER,
    }


@page_views.register("recap_speakers.SpeakerIndexPage")
def directory_view(request, page):
    """The speaker directory page (the SpeakerIndexPage's own address)."""
    return TemplateResponse(
        request, "recap_speakers/speaker_index_page.html", directory_context(request, page)
    )
