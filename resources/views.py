"""Topic pages and the public resource library.

Resources sit below events and write-ups in Recap's dependency order, so
this module never imports them: it reaches event, session and write-up pages
through the reverse relations those apps declare on Topic and Resource
(``tagged_events``, ``session_links``...), and finds their model classes from
those relations. A site without one of those apps simply has no such list.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from wagtail.models import Page

from recap.core import params
from recap.core.links import absolute
from recap.core.structured_data import json_ld_script
from recap.speakers.models import Speaker

from .models import Resource, ResourceKind, ResourceLibraryPage, Topic

TOPIC_SECTION_LENGTH = 12
RESOURCES_PER_PAGE = 20


def related_model(model, relation_name, field_name=None):
    """The model at the other end of a reverse relation of `model` (or of
    `field_name` on that model), or None when the app is not installed."""
    try:
        relation = model._meta.get_field(relation_name)
    except Exception:  # FieldDoesNotExist: the app declaring it is not installed
        return None
    through = relation.related_model
    if field_name is None:
        return through
    return through._meta.get_field(field_name).related_model


def event_model():
    return related_model(Topic, "tagged_events", "content_object")


def session_model():
    return related_model(Topic, "tagged_sessions", "content_object")


def writeup_model():
    return related_model(Topic, "tagged_writeups", "content_object")


def attach_events(sessions):
    """Give each session its event (the parent page) in one query, so
    `session.event` and its time zone cost nothing per session."""
    Event = event_model()
    parent_paths = {session.path[: -Page.steplen] for session in sessions}
    if Event is None or not parent_paths:
        return sessions
    events = {event.path: event for event in Event.objects.filter(path__in=parent_paths)}
    for session in sessions:
        session.__dict__["event"] = events.get(session.path[: -Page.steplen])
    return sessions


def topic_sections(topic):
    """The live, public events, sessions and write-ups with `topic`, and
    every resource with it, each newest first: {name: (items, total)}."""
    sections = {}
    Event, Session, WriteUp = event_model(), session_model(), writeup_model()
    if Event is not None:
        events = Event.objects.live().public().filter(tagged_topics__tag=topic)
        sections["events"] = events.order_by("-start")
    if Session is not None:
        sessions = Session.objects.live().public().filter(tagged_topics__tag=topic)
        sections["sessions"] = sessions.prefetch_related(
            Prefetch(
                "speaker_links",
                queryset=related_model(Session, "speaker_links")
                .objects.select_related("speaker")
                .order_by("sort_order"),
            )
        ).order_by("-start")
    if WriteUp is not None:
        writeups = WriteUp.objects.live().public().filter(tagged_topics__tag=topic)
        sections["writeups"] = writeups.select_related("author").order_by("-date", "-pk")
    sections["resources"] = Resource.objects.filter(tagged_topics__tag=topic).order_by(
        "-published_on", "title"
    )
    result = {}
    for name, queryset in sections.items():
        items = list(queryset[:TOPIC_SECTION_LENGTH])
        total = len(items)
        if total == TOPIC_SECTION_LENGTH:
            total = queryset.count()
        result[name] = (items, total)
    if "sessions" in result:
        attach_events(result["sessions"][0])
    return result


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


def topic_index_view(request, page):
    """/topics/: every topic, A-Z, with its description."""
    topics = list(Topic.objects.order_by("name"))
    entries = [(topic.name, topic.get_url(request)) for topic in topics]
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


def topic_view(request, page, slug):
    """/topics/<slug>/: the events, sessions, write-ups and resources on one topic."""
    topic = get_object_or_404(Topic, slug=slug)
    sections = topic_sections(topic)
    entries = []
    for name in ("events", "sessions", "writeups"):
        for item in sections.get(name, ((), 0))[0]:
            entries.append((item.title, item.get_url(request)))
    topic_url = topic.get_url(request)
    return TemplateResponse(
        request,
        "recap_resources/topic_page.html",
        {
            "page": page,
            "self": page,
            "topic": topic,
            "sections": sections,
            "events": sections.get("events"),
            "sessions": sections.get("sessions"),
            "writeups": sections.get("writeups"),
            "resources": sections.get("resources"),
            "search_url": site_search_url(),
            "library_url": library_url(request),
            "item_list_json_ld": json_ld_script(item_list(entries, request)),
            "meta_title": topic.name,
            "meta_description": topic.description
            or f"Events, sessions, write-ups and resources on {topic.name}.",
            "canonical_url": absolute(request, topic_url),
        },
    )


def live_links(model, relation_name):
    """Prefetch of a resource's links to live pages (sessions, events, write-ups)."""
    through = related_model(model, relation_name)
    if through is None:
        return None
    return Prefetch(
        relation_name,
        queryset=through.objects.filter(page__live=True)
        .select_related("page")
        .order_by("page__title"),
    )


def filter_resources(resources, *, kind="", topic="", event=None, speaker=None):
    """Narrow a Resource queryset by the library's filters (each optional)."""
    if kind:
        resources = resources.filter(kind=kind)
    if topic:
        resources = resources.filter(tagged_topics__tag__slug=topic)
    if event is not None:
        on_event = Q()
        if related_model(Resource, "event_links"):
            on_event |= Q(event_links__page=event)
        if related_model(Resource, "session_links"):
            on_event |= Q(session_links__page__path__startswith=event.path)
        resources = resources.filter(on_event) if on_event else resources.none()
    if speaker is not None:
        by_speaker = Q(speakers=speaker)
        if related_model(Resource, "session_links"):
            by_speaker |= Q(session_links__page__speaker_links__speaker=speaker)
        resources = resources.filter(by_speaker)
    return resources.distinct()


def library_choices():
    """The options of the library's filters: topics, events and speakers
    that have at least one resource."""
    topics = list(
        Topic.objects.filter(tagged_resources__isnull=False).distinct().values_list("slug", "name")
    )
    event_ids = set()
    if related_model(Resource, "event_links"):
        event_ids |= set(Resource.objects.values_list("event_links__page", flat=True))
    session_paths = set()
    if related_model(Resource, "session_links"):
        session_paths = set(Resource.objects.values_list("session_links__page__path", flat=True))
    parent_paths = {path[: -Page.steplen] for path in session_paths if path}
    events = []
    Event = event_model()
    if Event is not None:
        events = list(
            Event.objects.live()
            .public()
            .filter(Q(pk__in={pk for pk in event_ids if pk}) | Q(path__in=parent_paths))
            .order_by("-start")
            .values_list("pk", "title")
        )
    speaker_filter = Q(resources__isnull=False)
    if related_model(Resource, "session_links"):
        speaker_filter |= Q(
            session_links__page__resource_links__isnull=False, session_links__page__live=True
        )
    speakers = list(
        Speaker.objects.filter(speaker_filter)
        .distinct()
        .order_by("sort_name", "name")
        .values_list("slug", "name")
    )
    return {"topics": topics, "events": events, "speakers": speakers}


def resource_library_view(request, page):
    """/resources/: every resource, filterable by kind, topic, event and speaker."""
    kind = request.GET.get("kind", "").strip()
    if kind not in ResourceKind.values:
        kind = ""
    topic = params.text(request.GET.get("topic"), max_length=100)
    event = None
    event_id = params.positive_int(request.GET.get("event"))
    Event = event_model()
    if event_id is not None and Event is not None:
        event = Event.objects.live().public().filter(pk=event_id).first()
    speaker = None
    speaker_slug = params.text(request.GET.get("speaker"), max_length=200)
    if speaker_slug:
        speaker = Speaker.objects.filter(slug=speaker_slug).first()

    prefetches = ["speakers", "tagged_topics__tag", "document"]
    for relation in ("session_links", "event_links", "writeup_links"):
        prefetch = live_links(Resource, relation)
        if prefetch is not None:
            prefetches.append(prefetch)
    resources = filter_resources(
        Resource.objects.all(), kind=kind, topic=topic, event=event, speaker=speaker
    ).prefetch_related(*prefetches)
    page_of_resources = Paginator(
        resources.order_by("-published_on", "title", "pk"), RESOURCES_PER_PAGE
    ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return TemplateResponse(
        request,
        "recap_resources/resource_library_page.html",
        {
            "page": page,
            "self": page,
            "resources": page_of_resources,
            "kinds": ResourceKind.choices,
            "kind": kind,
            "topic": topic,
            "event": event,
            "speaker": speaker,
            "filter_query": query.urlencode(),
            "is_filtered": bool(kind or topic or event or speaker),
            **library_choices(),
        },
    )
