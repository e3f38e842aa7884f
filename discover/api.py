"""Wagtail API v2 for Recap, mounted by `recap.urls` (at /api/v2/ unless the
host sets RECAP_API_PREFIX).

- ``pages/``: Wagtail's pages endpoint; ``?type=recap_events.EventPage``,
  ``recap_events.SessionPage`` or ``recap_writeups.WriteUpPage`` selects a
  kind and its ``api_fields``. Recap adds ``?event=<id>``, ``?speaker=<slug
  or id>`` and ``?topic=<slug>`` filters.
- ``speakers/`` and ``resources/``: the speaker and resource snippets, with
  the same filters where they make sense.

Only Recap's own page types are listed or found by id (a host's pages stay
out of a public API it did not ask for); a host widens the list with
``RECAP_API_PAGE_TYPES = ["home.HomePage", ...]`` (``["wagtailcore.Page"]``:
every page). The API is mounted only when the host sets
``RECAP_API_ENABLED = True`` (recap/urls/api.py).

Delegate questions are never exposed (they may carry personal data), and no
endpoint lists users. See docs/api.md.
"""

from django.apps import apps
from django.conf import settings
from django.db.models import Prefetch, Q
from django.urls import NoReverseMatch
from rest_framework.fields import SkipField
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import (
    BaseSerializer,
    DetailUrlField,
    PageAliasOfField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.images import get_image_model
from wagtail.models import Page

from recap.core.links import absolute, page_url
from recap.core.pages import public_page_q
from recap.core.params import MAX_ID, positive_int
from recap.core.sanitize import strip_controls
from recap.core.translations import canonical
from recap.core.tree import parent_path
from recap.events.models import (
    EventPage,
    SessionPage,
    SessionResource,
    SessionSpeaker,
    attach_sessions_to_events,
)
from recap.resources.models import Resource, Topic
from recap.speakers.models import Speaker
from recap.writeups.models import WriteUpEvent, WriteUpPage, WriteUpSpeaker

RECAP_FILTERS = frozenset(["event", "speaker", "topic"])
# The renditions the api_fields ask for (see the models' api_fields).
SHARE_IMAGE = "fill-1200x630-c50"
PHOTO = "fill-320x320-c50"


# Numeric parameters Wagtail's API parses with int(), which accepts what the
# database cannot take (30 digits) and refuses some digits "isdigit" accepts.
NUMERIC_PARAMETERS = {
    "offset": 0,
    "limit": 0,
    "id": 1,
    "child_of": 1,
    "descendant_of": 1,
    "ancestor_of": 1,
    "translation_of": 1,
}
TREE_ROOT_PARAMETERS = {"child_of", "descendant_of"}  # these also take "root"


def check_parameters(request):
    """400 for a query string no filter could use: control characters (a NUL
    reaches the database) or ids and offsets out of any database's range.

    The API's error messages stay in English, as Wagtail's own API v2
    messages do: they are read by developers, next to field names and
    parameters that are English too."""
    for name, values in request.GET.lists():
        for value in values:
            if strip_controls(value) != value or strip_controls(name) != name:
                raise BadRequestError("query parameters may not contain control characters")
            if name in NUMERIC_PARAMETERS:
                if name in TREE_ROOT_PARAMETERS and value == "root":
                    continue
                if positive_int(value, minimum=NUMERIC_PARAMETERS[name]) is None:
                    raise BadRequestError(
                        f"{name} must be a whole number from {NUMERIC_PARAMETERS[name]} to {MAX_ID}"
                    )


class CheckedParametersMixin:
    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        check_parameters(request)


def find_speaker(value):
    """The speaker named by a slug or an id, or a BadRequestError."""
    speakers = canonical(Speaker.objects.all())
    speaker_id = positive_int(value)
    speaker = (
        speakers.filter(pk=speaker_id).first()
        if speaker_id is not None
        else speakers.filter(slug=value[:255]).first()
    )
    if speaker is None:
        raise BadRequestError(f"speaker {value!r} does not exist")
    return speaker


def find_event(value):
    event_id = positive_int(value)
    if event_id is None:
        raise BadRequestError("event must be the id of an event page")
    event = EventPage.objects.live().public().filter(pk=event_id).first()
    if event is None:
        raise BadRequestError(f"event {value} does not exist")
    return event


def find_topic(value):
    topic = Topic.objects.filter(slug=value).first()
    if topic is None:
        raise BadRequestError(f"topic {value!r} does not exist")
    return topic


class RecapRelationFilter(BaseFilterBackend):
    """?event=, ?speaker= and ?topic= on events, sessions, write-ups,
    speakers and resources."""

    def filter_queryset(self, request, queryset, view):
        params = {name: request.GET[name].strip() for name in RECAP_FILTERS if name in request.GET}
        if not params:
            return queryset
        model = queryset.model
        if model not in (EventPage, SessionPage, WriteUpPage, Speaker, Resource):
            raise BadRequestError(
                "event, speaker and topic filters need type=recap_events.EventPage, "
                "recap_events.SessionPage or recap_writeups.WriteUpPage"
            )
        if "event" in params:
            event = find_event(params["event"])
            queryset = queryset.filter(self.event_q(model, event))
        if "speaker" in params:
            speaker = find_speaker(params["speaker"])
            queryset = queryset.filter(self.speaker_q(model, speaker))
        if "topic" in params:
            topic = find_topic(params["topic"])
            queryset = queryset.filter(self.topic_q(model, topic))
        return queryset.distinct()

    @staticmethod
    def event_q(model, event):
        # Only public sessions: a filter must not tell who spoke in private.
        sessions = SessionPage.objects.filter(public_page_q()).child_of(event)
        if model is EventPage:
            return Q(pk=event.pk)
        if model is SessionPage:
            return Q(pk__in=sessions.values("pk"))
        if model is WriteUpPage:
            return Q(event_links__event=event) | Q(session_links__session__in=sessions.values("pk"))
        if model is Speaker:
            return Q(session_links__page__in=sessions.values("pk"))
        return Q(event_links__page=event) | Q(session_links__page__in=sessions.values("pk"))

    @staticmethod
    def speaker_q(model, speaker):
        sessions = SessionPage.objects.filter(public_page_q()).filter(
            speaker_links__speaker=speaker
        )
        if model is EventPage:
            return Q(
                path__in={parent_path(path) for path in sessions.values_list("path", flat=True)}
            )
        if model is SessionPage:
            return Q(speaker_links__speaker=speaker)
        if model is WriteUpPage:
            return Q(author=speaker) | Q(speaker_links__speaker=speaker)
        if model is Speaker:
            return Q(pk=speaker.pk)
        return Q(speakers=speaker) | Q(session_links__page__in=sessions.values("pk"))

    @staticmethod
    def topic_q(model, topic):
        if model is Speaker:
            return Q(
                session_links__page__in=SessionPage.objects.filter(public_page_q()),
                session_links__page__tagged_topics__tag=topic,
            )
        return Q(tagged_topics__tag=topic)


def with_api_prefetches(queryset):
    """Prefetch what each kind's api_fields read, so a listing makes the same
    number of queries for 5 items as for 100."""
    model = queryset.model
    speaker_links = Prefetch(
        "speaker_links",
        queryset=SessionSpeaker.objects.select_related("speaker").order_by("sort_order"),
    )
    hero_image = Prefetch(
        "hero_image", queryset=get_image_model().objects.prefetch_renditions(SHARE_IMAGE)
    )
    if model is EventPage:
        return queryset.prefetch_related("topics", hero_image)
    if model is SessionPage:
        resource_links = Prefetch(
            "resource_links",
            queryset=SessionResource.objects.select_related(
                "resource", "resource__document", "resource__image"
            ).order_by("sort_order"),
        )
        return queryset.select_related("room").prefetch_related(
            "topics", speaker_links, resource_links, "chapters"
        )
    if model is WriteUpPage:
        featured = Prefetch(
            "speaker_links",
            queryset=WriteUpSpeaker.objects.select_related("speaker").order_by("sort_order"),
        )
        # The events covered, as far as the public may see them.
        events = Prefetch(
            "event_links",
            queryset=WriteUpEvent.objects.filter(public_page_q("event__"))
            .select_related("event")
            .order_by("sort_order"),
        )
        return queryset.select_related("author").prefetch_related(
            "topics", featured, events, hero_image
        )
    if model is Speaker:
        return queryset.prefetch_related(
            Prefetch("photo", queryset=get_image_model().objects.prefetch_renditions(PHOTO))
        )
    if model is Resource:
        return queryset.select_related("document").prefetch_related("topics", "speakers")
    return queryset


# Wagtail's API names the Site record's host in detail_url and html_url
# (`Site.root_url`); Recap's endpoints name the request's, like every other
# link Recap builds (recap.core.links).


class RequestDetailUrlField(DetailUrlField):
    def get_attribute(self, instance):
        path = self.context["router"].get_object_detail_urlpath(type(instance), instance.pk)
        if not path:
            raise SkipField
        return absolute(self.context["request"], path)


class RequestHtmlUrlField(PageHtmlUrlField):
    def to_representation(self, page):
        try:
            return page_url(self.context["request"], page) or None
        except NoReverseMatch:
            return None


class RelatedPageMixin:
    """A parent or alias page, shown with Recap's request-relative URLs."""

    def to_representation(self, value):
        serializer_class = get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=RecapPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class RequestPageParentField(RelatedPageMixin, PageParentField):
    pass


class RequestPageAliasOfField(RelatedPageMixin, PageAliasOfField):
    pass


class RecapPageSerializer(PageSerializer):
    detail_url = RequestDetailUrlField(read_only=True)
    html_url = RequestHtmlUrlField(read_only=True)
    parent = RequestPageParentField(read_only=True)
    alias_of = RequestPageAliasOfField(read_only=True)


class RecapSerializer(BaseSerializer):
    detail_url = RequestDetailUrlField(read_only=True)


def api_page_models():
    """The page types the API lists: Recap's own, plus the host's
    ``RECAP_API_PAGE_TYPES`` ("app_label.Model" names)."""
    models = [
        model
        for app_config in apps.get_app_configs()
        if app_config.name.startswith("recap.")
        for model in app_config.get_models()
        if issubclass(model, Page)
    ]
    for name in getattr(settings, "RECAP_API_PAGE_TYPES", ()):
        models += page_models_from_string(name)
    return models


class RecapPagesAPIViewSet(CheckedParametersMixin, PagesAPIViewSet):
    base_serializer_class = RecapPageSerializer
    filter_backends = [RecapRelationFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(RECAP_FILTERS)

    def get_base_queryset(self):
        # Every listing, detail, ?type= and tree filter starts here.
        return super().get_base_queryset().type(*api_page_models())

    def get_queryset(self):
        # Every page's meta lists its locale: joined, not fetched per page.
        return with_api_prefetches(super().get_queryset().select_related("locale"))

    def get_object(self):
        """The page with what its api_fields read (a write-up's public
        events, for one), prefetched as in a listing: Wagtail's detail view
        finds it through the untyped Page queryset."""
        page = super().get_object()
        return with_api_prefetches(type(page).objects.filter(pk=page.pk)).first() or page

    def paginate_queryset(self, queryset):
        items = list(super().paginate_queryset(queryset))
        if queryset.model is SessionPage:
            attach_sessions_to_events(items)
        return items


class SnippetAPIViewSet(CheckedParametersMixin, BaseAPIViewSet):
    base_serializer_class = RecapSerializer
    filter_backends = [FieldsFilter, RecapRelationFilter, OrderingFilter, SearchFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(RECAP_FILTERS)
    listing_default_fields = BaseAPIViewSet.listing_default_fields + ["name"]

    def get_queryset(self):
        # Speakers and resources once: their canonical records, the ids
        # everything links to (recap.core.translations).
        return with_api_prefetches(canonical(self.model.objects.all()).order_by("id"))


class SpeakersAPIViewSet(SnippetAPIViewSet):
    model = Speaker
    name = "recap.speakers"
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "name",
        "slug",
        "job_title",
        "organisation",
        "url",
    ]


class ResourcesAPIViewSet(SnippetAPIViewSet):
    model = Resource
    name = "recap.resources"
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "title",
        "kind",
        "href",
        "publisher",
        "published_on",
    ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", RecapPagesAPIViewSet)
api_router.register_endpoint("speakers", SpeakersAPIViewSet)
api_router.register_endpoint("resources", ResourcesAPIViewSet)
