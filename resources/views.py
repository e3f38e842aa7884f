"""Topic pages and the public resource library.

Resources sit below events and write-ups in Recap's dependency order, so
this module neither imports them nor queries their relations. What those
apps add comes through hooks (see recap.core.sections and recap.core.filters):

- ``recap_topic_page_sections``: sections of a topic's page (events,
  sessions, write-ups on the topic; calendar and feed links);
- ``recap_resource_library_filters``: more filters of the library (by event);
- ``recap_resource_relations``: the pages a resource is linked from (shown
  on each library card) and how a speaker reaches a resource through them.

Hooks rather than moving these pages up: they are routes of TopicIndexPage
and ResourceLibraryPage, page models of this app, and models stay put.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Q, Window
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from recap.core import page_views
from recap.core.filters import ListFilter, apply_filters, read_filters
from recap.core.language_links import subroute_translation_urls
from recap.core.links import absolute
from recap.core.sections import build_sections, registered
from recap.core.structured_data import json_ld_script
from recap.core.translations import annotate_translations, canonical, show_translations
from recap.speakers.models import Speaker

from .models import Resource, ResourceKind, ResourceLibraryPage, Topic
from .topics import published_topics

TOPIC_SECTION_LENGTH = 12
RESOURCES_PER_PAGE = 20
TOPIC_SECTIONS_HOOK = "recap_topic_page_sections"
LIBRARY_FILTERS_HOOK = "recap_resource_library_filters"
RELATIONS_HOOK = "recap_resource_relations"


def first_and_total(queryset, length=TOPIC_SECTION_LENGTH):
    """The first `length` items of `queryset` and how many there are in all.

    The total comes with the rows, a window count over the whole list (SQL
    computes it before the LIMIT): one query, however many items there are,
    where counting only full lists cost a second query on big sites alone."""
    counted = queryset.annotate(recap_list_total=Window(Count("pk")))
    items = list(annotate_translations(counted)[:length])
    show_translations(items)  # titles and notes in the reader's language
    total = items[0].recap_list_total if items else 0
    return items, total


class ResourceRelation:
    """Pages of an app above resources that link to resources (a session's
    or an event's resources), registered under ``recap_resource_relations``."""

    #: The heading of the links on a library card ("Sessions").
    label = ""
    #: Card headings show in ascending order (speakers 30, topics 50).
    order = 100

    def prefetch(self):
        """A Prefetch (or lookup) on Resource that loads the linked pages."""
        return None

    def pages(self, resource):
        """The live pages linking to `resource`, from the prefetch."""
        return []

    def speaker_q(self, speaker):
        """A Q on Resource: resources that reach `speaker` this way, or None."""
        return None

    def speaker_choices_q(self):
        """A Q on Speaker: speakers that reach a resource this way, or None."""
        return None


def item_list(entries, request):
    """schema.org ItemList of (name, url) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "ItemList",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "url": absolute(request, url), "name": name}
            for n, (name, url) in enumerate(entries, start=1)
            if url
        ],
    }


@page_views.register("recap_resources.TopicIndexPage")
def topic_index_view(request, page):
    """/topics/: every topic, A-Z, with its description."""
    topics = sorted(
        published_topics().order_by("name"), key=lambda topic: topic.local_name.casefold()
    )
    entries = [(topic.local_name, topic.get_url(request)) for topic in topics]
    return TemplateResponse(
        request,
        "recap_resources/topic_index_page.html",
        {
            "page": page,
            "self": page,
            "topics": topics,
            "item_list_json_ld": json_ld_script(item_list(entries, request)),
        },
    )


def site_search_url():
    """The site's search page (a URL named "search"), if it has one."""
    try:
        return reverse("recap_search")
    except NoReverseMatch:
        return ""


def library_url(request):
    library = ResourceLibraryPage.objects.live().first()
    return library.get_url(request) if library else ""


@page_views.register("recap_resources.TopicIndexPage")
def topic_view(request, page, slug):
    """/topics/<slug>/: what apps above add on one topic (events, sessions,
    write-ups), then its resources."""
    # A topic with nothing published under it has no public page.
    topic = get_object_or_404(published_topics(), slug=slug)
    sections = build_sections(TOPIC_SECTIONS_HOOK, request, topic)
    entries = []
    for built in sections:
        entries += built.section.item_list_entries(request, built.data)
    resources = first_and_total(
        canonical(Resource.objects.filter(tagged_topics__tag=topic)).order_by(
            "-published_on", "title"
        )
    )
    topic_url = topic.get_url(request)
    return TemplateResponse(
        request,
        "recap_resources/topic_page.html",
        {
            "page": page,
            "self": page,
            "topic": topic,
            "recap_sections": sections,
            "resources": resources,
            "search_url": site_search_url(),
            "library_url": library_url(request),
            "item_list_json_ld": json_ld_script(item_list(entries, request)),
            "meta_title": topic.local_name,
            "meta_description": topic.local_description
            or _("Events, sessions, write-ups and resources on %(topic)s.")
            % {"topic": topic.local_name},
            "canonical_url": absolute(request, topic_url),
            # The switch and hreflang: this topic under each language's index.
            "language_urls": subroute_translation_urls(request, page, f"{topic.slug}/"),
        },
    )


class KindFilter(ListFilter):
    name = "kind"
    label = pgettext_lazy("resource", "Kind")
    any_label = _("Any kind")
    order = 10

    def choices(self):
        return ResourceKind.choices

    def clean(self, raw):
        return raw if raw in ResourceKind.values else None

    def apply(self, queryset, selected):
        return queryset.filter(kind=selected)


class TopicFilter(ListFilter):
    """A list filtered by one topic, chosen by its slug (the resource
    library's; the speaker directory's narrows it to speakers)."""

    name = "topic"
    label = _("Topic")
    any_label = _("Any topic")
    order = 20

    def choices(self):
        return list(
            Topic.objects.filter(tagged_resources__isnull=False)
            .distinct()
            .values_list("slug", "name")
        )

    def clean(self, raw):
        return raw[:100] or None

    def apply(self, queryset, selected):
        return queryset.filter(tagged_topics__tag__slug=selected)


class SpeakerFilter(ListFilter):
    """Resources of a speaker: linked to them directly, or through the pages
    of higher apps (their sessions), as the registered relations say."""

    name = "speaker"
    label = _("Speaker")
    any_label = _("Any speaker")
    order = 40

    def __init__(self, relations):
        self.relations = relations

    def choices(self):
        reaches = Q(resources__isnull=False)
        for relation in self.relations:
            q = relation.speaker_choices_q()
            if q is not None:
                reaches |= q
        return list(
            canonical(Speaker.objects.filter(reaches))
            .distinct()
            .order_by("sort_name", "name")
            .values_list("slug", "name")
        )

    def clean(self, raw):
        return canonical(Speaker.objects.filter(slug=raw)).first()

    def value(self, selected):
        return selected.slug

    def apply(self, queryset, selected):
        by_speaker = Q(speakers=selected)
        for relation in self.relations:
            q = relation.speaker_q(selected)
            if q is not None:
                by_speaker |= q
        return queryset.filter(by_speaker)


def link_groups(resource, relations, request):
    """(heading, [(text, url)]) of what a resource is linked to, for its
    library card: the relations' pages, its speakers and its topics."""
    groups = [
        (
            relation.order,
            relation.label,
            [(p.title, p.get_url(request)) for p in relation.pages(resource)],
        )
        for relation in relations
    ]
    groups.append(
        (30, _("Speakers"), [(s.name, s.get_url(request)) for s in resource.speakers.all()])
    )
    groups.append(
        (
            50,
            _("Topics"),
            [
                (link.tag.local_name, link.tag.get_url(request))
                for link in resource.tagged_topics.all()
            ],
        )
    )
    groups.sort(key=lambda group: group[0])
    return [(label, links) for _order, label, links in groups if links]


@page_views.register("recap_resources.ResourceLibraryPage")
def resource_library_view(request, page):
    """/resources/: every resource, filterable by kind, topic, speaker and
    what higher apps add (event)."""
    relations = registered(RELATIONS_HOOK)
    filters = read_filters(
        request, [KindFilter(), TopicFilter(), SpeakerFilter(relations)], LIBRARY_FILTERS_HOOK
    )
    prefetches = ["speakers", "tagged_topics__tag", "document"]
    prefetches += [p for p in (relation.prefetch() for relation in relations) if p is not None]
    resources = (
        apply_filters(canonical(Resource.objects.all()), filters)
        .distinct()
        .prefetch_related(*prefetches)
    )
    page_of_resources = Paginator(
        annotate_translations(resources).order_by("-published_on", "title", "pk"),
        RESOURCES_PER_PAGE,
    ).get_page(request.GET.get("page"))
    show_translations(page_of_resources)  # titles and notes in the reader's language
    for resource in page_of_resources:
        resource.link_groups = link_groups(resource, relations, request)
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "recap_resources/resource_library_page.html",
        {
            "page": page,
            "self": page,
            "resources": page_of_resources,
            "filters": filters,
            "filter_query": query.urlencode(),
            "is_filtered": any(f.selected is not None for f in filters),
        },
    )
