"""Events and their sessions.

Events depend on speakers and resources; nothing here imports write-ups or
questions (those apps point at events, not the other way round).

Times are stored as aware datetimes (UTC in the database) and each event keeps
its IANA zone, in which every time is shown to readers.
"""

import datetime
import functools
import uuid
import zoneinfo
from functools import cached_property

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
    ObjectList,
    TabbedInterface,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult

from recap.core.children import UniqueChildrenMixin
from recap.core.cleaned_text import fill_cleaned_copies
from recap.core.keep_live import KeepLiveMixin
from recap.core.page_views import PageViews
from recap.core.stemming import STEMS_FIELD, StemmedSearch
from recap.core.translations import one_per_translation, under_any_translation
from recap.core.tree import ParentPage, attach_parents
from recap.resources.topics import topics_field
from recap.speakers.exports.api_fields import (
    ImageRenditionField,
    PageSummaryField,
    SpeakerLinksField,
    TopicsField,
)

from . import recording
from .admin.forms import EventPageForm, SessionPageForm
from .admin.panels import (
    SESSION_EDIT_TABS_HOOK,
    HookedTabbedInterface,
    ProgrammeChecksPanel,
    ProgrammeLinksPanel,
)
from .exports.api_fields import (
    FollowingField,
    RecordingField,
    RoomNameField,
    SessionResourcesField,
)
from .following import following_of

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul"]


@functools.cache
def time_zone_choices():
    """The IANA zones, read from the system once per process: the model
    field's choices are asked for on every validation, and listing the zones
    walks the time zone database's files (13 ms a time)."""
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("event status", "Scheduled")
    POSTPONED = "postponed", pgettext_lazy("event status", "Postponed")
    CANCELLED = "cancelled", pgettext_lazy("event status", "Cancelled")


class SessionStatus(models.TextChoices):
    SCHEDULED = "scheduled", pgettext_lazy("session status", "Scheduled")
    CANCELLED = "cancelled", pgettext_lazy("session status", "Cancelled")


class SessionKind(models.TextChoices):
    KEYNOTE = "keynote", pgettext_lazy("session kind", "Keynote")
    PANEL = "panel", pgettext_lazy("session kind", "Panel")
    TALK = "talk", pgettext_lazy("session kind", "Talk")
    WORKSHOP = "workshop", pgettext_lazy("session kind", "Workshop")
    FIRESIDE = "fireside", pgettext_lazy("session kind", "Fireside chat")
    LIGHTNING = "lightning", pgettext_lazy("session kind", "Lightning talk")
    NETWORKING = "networking", pgettext_lazy("session kind", "Networking")
    BREAK = "break", pgettext_lazy("session kind", "Break")
    OTHER = "other", pgettext_lazy("session kind", "Other")


# Kinds that are never talks: no speakers to ask, nothing to share.
BREAK_KINDS = (SessionKind.BREAK, SessionKind.NETWORKING)


class RecordingStatus(models.TextChoices):
    WILL_BE_RECORDED = "will_be_recorded", pgettext_lazy("recording", "Will be recorded")
    RECORDED = "recorded", pgettext_lazy("recording", "Recorded")
    NOT_RECORDED = "not_recorded", pgettext_lazy("recording", "Not recorded")
    UNKNOWN = "unknown", pgettext_lazy("recording", "Not known yet")


class LiveCaptions(models.TextChoices):
    HUMAN = "human", pgettext_lazy("live captions", "By a person")
    AUTOMATIC = "automatic", pgettext_lazy("live captions", "Automatic")
    NONE = "none", pgettext_lazy("live captions", "None")


# A session's "how it can be followed" choice that takes the event's default.
AS_EVENT = ("", _("As the event"))
YES_NO_AS_EVENT = [AS_EVENT, ("yes", _("Yes")), ("no", _("No"))]


class SpeakerRole(models.TextChoices):
    SPEAKER = "speaker", pgettext_lazy("speaker role", "Speaker")
    PANELLIST = "panellist", pgettext_lazy("speaker role", "Panellist")
    MODERATOR = "moderator", pgettext_lazy("speaker role", "Moderator")
    CHAIR = "chair", pgettext_lazy("speaker role", "Chair")
    HOST = "host", pgettext_lazy("speaker role", "Host")


class EventIndexPage(RoutablePageMixin, Page):
    """Upcoming and past events. Sub-routes serve the site-wide calendar feed
    and the admin-free parts of the .ics import."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    # Named, not Django's default reverse name on Page (the class name), which
    # a host's own page model of the same name would claim too.
    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_eventindexpage"
    )

    intro = RichTextField(verbose_name=_("introduction"), features=TEXT_FEATURES, blank=True)

    content_panels = Page.content_panels + [
        ProgrammeLinksPanel(heading=_("Programmes")),
        FieldPanel("intro"),
    ]
    subpage_types = ["recap_events.EventPage"]
    template = "recap_events/event_index_page.html"

    class Meta:
        verbose_name = _("event index")

    def events(self):
        """The live, public events under this index or any of its
        translations, one per event in the reader's language (an event with
        no translation in it is listed in its own)."""
        return one_per_translation(under_any_translation(EventPage.objects.live().public(), self))

    def upcoming_events(self, now=None):
        now = now or timezone.now()
        return self.events().filter(end__gte=now).order_by("start")

    def past_events(self, now=None):
        now = now or timezone.now()
        return self.events().filter(end__lt=now).order_by("-start")

    def route(self, request, path_components):
        """Wagtail's routing, with the child event fetched as an EventPage in
        one query (Wagtail fetches a child, then its specific page)."""
        return route_to_child(self, EventPage, request, path_components, as_parent="index_page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.views.event_index_context(request, self))
        return context

    @path("calendar.ics", name="calendar")
    def calendar(self, request):
        return self.views.upcoming_calendar_view(request, self)


def route_to_child(page, child_model, request, path_components, as_parent=None, related=()):
    """RoutablePageMixin.route for a page whose children are all `child_model`:
    its own sub-routes first (e.g. calendar.ics), then the child with that
    slug fetched as its specific model in one query; anything else (another
    page type, no such child) goes to Wagtail's own routing. `related` names
    foreign keys fetched with the child (a session's room)."""
    if path_components and page.live:
        try:
            path = "/" + "/".join(path_components) + "/"
            view, args, kwargs = request.routable_resolver_match = page.resolve_subpage(path)
            return RouteResult(page, args=(view, args, kwargs))
        except Http404:
            pass
        children = child_model.objects.child_of(page).select_related(*related)
        child = children.filter(slug=path_components[0]).first()
        if child is not None:
            if as_parent:
                setattr(child, as_parent, page)
            return child.route(request, path_components[1:])
    return super(type(page), page).route(request, path_components)


class EventTopic(ItemBase):
    tag = models.ForeignKey(
        "recap_resources.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="tagged_events",
    )
    content_object = ParentalKey(
        "recap_events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="tagged_topics",
    )


class SessionTopic(ItemBase):
    tag = models.ForeignKey(
        "recap_resources.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="tagged_sessions",
    )
    content_object = ParentalKey(
        "recap_events.SessionPage",
        verbose_name=pgettext_lazy("conference", "session"),
        on_delete=models.CASCADE,
        related_name="tagged_topics",
    )


class EventPage(KeepLiveMixin, UniqueChildrenMixin, StemmedSearch, RoutablePageMixin, Page):
    """One conference, meetup or other event, with its sessions as children."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_eventpage"
    )

    start = models.DateTimeField(
        verbose_name=pgettext_lazy("time", "start"), help_text=_("In the event's time zone.")
    )
    end = models.DateTimeField(
        verbose_name=pgettext_lazy("time", "end"), help_text=_("In the event's time zone.")
    )
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        default="Europe/London",
        choices=time_zone_choices,
        help_text=_("Where the event happens; every time is shown to readers in this zone."),
    )
    status = models.CharField(
        verbose_name=pgettext_lazy("event", "status"),
        max_length=20,
        choices=EventStatus.choices,
        default=EventStatus.SCHEDULED,
    )
    venue_name = models.CharField(verbose_name=_("venue name"), max_length=200, blank=True)
    venue_address = models.CharField(verbose_name=_("venue address"), max_length=255, blank=True)
    city = models.CharField(verbose_name=_("city"), max_length=100, blank=True)
    country = models.CharField(verbose_name=_("country"), max_length=100, blank=True)
    latitude = models.DecimalField(
        verbose_name=_("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        verbose_name=_("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    online_url = models.URLField(
        _("online URL"), blank=True, help_text=_("Where to watch, for online or hybrid events.")
    )
    organiser = models.CharField(verbose_name=_("organiser"), max_length=200, blank=True)
    hashtag = models.CharField(
        verbose_name=_("hashtag"), max_length=100, blank=True, help_text=_("Without the #.")
    )
    website = models.URLField(verbose_name=_("website"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    intro = RichTextField(verbose_name=_("introduction"), features=TEXT_FEATURES, blank=True)
    # The intro as plain text, cleaned once on save (recap.core.cleaned_text):
    # what calendars and JSON-LD carry.
    intro_text = models.TextField(
        verbose_name=_("introduction as plain text"), blank=True, editable=False
    )
    topics = topics_field(EventTopic)
    # How its sessions can be followed, set once: each session takes these
    # unless it says otherwise (SessionPage.following).
    default_recording_status = models.CharField(
        verbose_name=_("sessions recorded"),
        max_length=20,
        choices=RecordingStatus.choices,
        default=RecordingStatus.UNKNOWN,
    )
    default_recording_licence = models.CharField(
        verbose_name=_("recordings' licence"),
        max_length=100,
        blank=True,
        help_text=_("For example CC BY 4.0."),
    )
    default_live_captions = models.CharField(
        verbose_name=_("live captions"),
        max_length=20,
        choices=LiveCaptions.choices,
        default=LiveCaptions.NONE,
    )
    default_sign_language = models.BooleanField(
        verbose_name=_("sign language interpretation"), default=False
    )
    default_slides_in_advance = models.BooleanField(
        verbose_name=_("slides available before the talks"), default=False
    )
    default_language = models.CharField(
        verbose_name=_("language of the talks"),
        max_length=16,
        blank=True,
        help_text=_("A language code, such as en or fr."),
    )
    # Speakers' slides, links and corrections (sent through speaker links) go live when
    # sent, rather than waiting for an editor.
    publish_speaker_materials = models.BooleanField(
        verbose_name=_("publish speakers' materials at once"),
        default=False,
        help_text=_(
            "Slides, links and corrections sent through speaker links are published "
            "without waiting for an editor's approval."
        ),
    )
    # Bumped whenever the event's own time, place or status changes (iCalendar).
    calendar_uid = models.UUIDField(
        verbose_name=_("calendar UID"), default=uuid.uuid4, unique=True, editable=False
    )
    sequence = models.PositiveIntegerField(
        verbose_name=_("calendar sequence"), default=0, editable=False
    )
    # A copy is a new event or session for calendars: its own UID, from SEQUENCE 0.
    exclude_fields_in_copy = ["calendar_uid", "sequence"]

    content_panels = [
        ProgrammeLinksPanel(heading=_("Programme")),
        ProgrammeChecksPanel(),
        TitleFieldPanel("title"),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
                FieldPanel("status"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("venue_name"),
                FieldPanel("venue_address"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        InlinePanel(
            "rooms",
            heading=pgettext_lazy("conference", "Rooms"),
            label=pgettext_lazy("conference", "Room"),
            help_text=_(
                "In the order the programme's grid shows them. Sessions can choose a new "
                "room once the event is published (or, for a new event, first saved)."
            ),
        ),
    ]
    details_panels = [
        FieldPanel("organiser"),
        FieldRowPanel([FieldPanel("hashtag"), FieldPanel("website")]),
        FieldPanel("topics"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("default_recording_status"),
                        FieldPanel("default_recording_licence"),
                    ]
                ),
                FieldRowPanel(
                    [FieldPanel("default_live_captions"), FieldPanel("default_language")]
                ),
                FieldRowPanel(
                    [FieldPanel("default_sign_language"), FieldPanel("default_slides_in_advance")]
                ),
            ],
            heading=_("How the sessions can be followed"),
            help_text=_("Every session takes these unless it says otherwise."),
        ),
        FieldPanel("publish_speaker_materials"),
        InlinePanel("gallery_images", heading=_("Photo gallery"), label=_("Photo")),
        MultipleChooserPanel(
            "resource_links",
            chooser_field_name="resource",
            heading=_("Resources"),
            label=_("Resource"),
        ),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Event")),
            ObjectList(details_panels, heading=_("Details")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )
    base_form_class = EventPageForm
    cleaned_copies = {"intro_text": "intro"}

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("venue_name"),
        index.SearchField("city"),
        index.SearchField("organiser"),
        index.AutocompleteField("venue_name"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("status"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        STEMS_FIELD,
    ]

    api_fields = [
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("status"),
        APIField("venue_name"),
        APIField("venue_address"),
        APIField("city"),
        APIField("country"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("online_url"),
        APIField("organiser"),
        APIField("hashtag"),
        APIField("website"),
        APIField("intro"),
        APIField("topics", serializer=TopicsField()),
        APIField("hero_image", serializer=ImageRenditionField("fill-1200x630-c50")),
        APIField("calendar_uid"),
        APIField("sequence"),
    ]

    parent_page_types = ["recap_events.EventIndexPage"]
    subpage_types = ["recap_events.SessionPage"]

    #: The event index the event sits in (its parent page), for the page's
    #: "Events" link; handed over by the index's routing.
    index_page = ParentPage()
    template = "recap_events/event_page.html"

    class Meta:
        verbose_name = _("event")

    @cached_property
    def tz(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def is_cancelled(self):
        return self.status == EventStatus.CANCELLED

    def is_on(self, now=None):
        now = now or timezone.now()
        return self.start <= now <= self.end

    def sessions(self):
        """The published sessions, by start and then in the rooms' order
        (sessions without a room, plenaries and breaks, first)."""
        return (
            SessionPage.objects.live()
            .public()
            .child_of(self)
            .select_related("room")
            .order_by("start", F("room__sort_order").asc(nulls_first=True), "path")
        )

    @property
    def location_line(self):
        return ", ".join(
            p for p in (self.venue_name, self.venue_address, self.city, self.country) if p
        )

    def clean(self):
        super().clean()
        validate_time_range(self.start, self.end, end_field="end")
        if self.time_zone:
            try:
                zoneinfo.ZoneInfo(self.time_zone)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
                raise ValidationError(
                    {"time_zone": _("Choose a time zone from the list.")}
                ) from exc

    def save(self, *args, **kwargs):
        bump_sequence_on_change(self, ("start", "end", "status", "venue_name", "venue_address"))
        super().save(*args, **kwargs)

    def route(self, request, path_components):
        """Wagtail's routing, with the child session fetched as a SessionPage
        in one query and handed this event (`session.event` costs nothing)."""
        return route_to_child(
            self, SessionPage, request, path_components, as_parent="event", related=["room"]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.views.event_context(request, self))
        return context

    def serve_preview(self, request, mode_name):
        fill_cleaned_copies(self)  # a preview is not saved: its cleaned copies are not either
        return super().serve_preview(request, mode_name)

    def get_cached_paths(self):
        """What a CDN purges when the event or one of its sessions changes
        (wagtail.contrib.frontend_cache): the page, its programme views and
        its file-like routes."""
        return [
            "/",
            "/?view=grid",
            "/?view=list",
            "/programme.ics",
            "/schedule.xml",
            "/schedule.json",
        ]

    @path("", name="detail")
    def detail(self, request):
        return self.views.serve_event_page(request, self)

    @path("programme.ics", name="calendar")
    def calendar(self, request):
        return self.views.event_calendar_view(request, self)

    @path("schedule.xml", name="schedule_xml")
    def schedule_xml(self, request):
        return self.views.schedule_xml_view(request, self)

    @path("schedule.json", name="schedule_json")
    def schedule_json(self, request):
        return self.views.schedule_json_view(request, self)


def room_name_key(name):
    """A room name as stored (inner whitespace collapsed), and the key that
    makes "Main hall" and " main  Hall" the same room."""
    name = " ".join((name or "").split())
    return name, name.casefold()


class EventRoom(Orderable):
    """One of an event's rooms. Their order is the order of the programme
    grid's columns; a name is unique in its event, whatever its case."""

    page = ParentalKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="rooms"
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = pgettext_lazy("conference", "room")
        verbose_name_plural = pgettext_lazy("conference", "rooms")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                "page",
                name="recap_event_room_name_once",
                violation_error_message=_("This event already has a room of this name."),
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.name = room_name_key(self.name)[0]
        super().save(*args, **kwargs)


class EventGalleryImage(Orderable):
    page = ParentalKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    caption = models.CharField(verbose_name=_("caption"), max_length=255, blank=True)
    panels = [FieldPanel("image"), FieldPanel("caption")]


class EventResource(Orderable):
    page = ParentalKey(
        EventPage, verbose_name=_("event"), on_delete=models.CASCADE, related_name="resource_links"
    )
    resource = models.ForeignKey(
        "recap_resources.Resource",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="event_links",
    )
    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "resource"], name="recap_event_resource_once")
        ]


def attach_sessions_to_events(sessions, events=None):
    """Give each of `sessions` (a list or queryset, evaluated here) its event
    in one query, so ``session.event`` costs nothing per session. `events`
    narrows where the events come from (e.g. ``live().public()``); a session
    whose event is not in it gets ``event = None``. Returns them as a list."""
    return attach_parents(
        sessions, events if events is not None else EventPage.objects.all(), "event"
    )


class SessionPage(KeepLiveMixin, UniqueChildrenMixin, StemmedSearch, RoutablePageMixin, Page):
    """A panel, keynote, talk, workshop... inside one event."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_sessionpage"
    )

    kind = models.CharField(
        verbose_name=pgettext_lazy("session", "kind"),
        max_length=20,
        choices=SessionKind.choices,
        default=SessionKind.TALK,
    )
    start = models.DateTimeField(
        verbose_name=pgettext_lazy("time", "start"), help_text=_("In the event's time zone.")
    )
    end = models.DateTimeField(
        verbose_name=pgettext_lazy("time", "end"), help_text=_("In the event's time zone.")
    )
    room = models.ForeignKey(
        EventRoom,
        verbose_name=pgettext_lazy("conference", "room"),
        null=True,
        blank=True,
        # A room removed from its event leaves its sessions without a room
        # (the event's form refuses removing a room that sessions use).
        on_delete=models.SET_NULL,
        related_name="sessions",
        help_text=_("One of the event's rooms; add rooms on the event."),
    )
    track = models.CharField(
        verbose_name=pgettext_lazy("conference", "track"), max_length=100, blank=True
    )
    abstract = RichTextField(verbose_name=_("abstract"), features=TEXT_FEATURES, blank=True)
    # The abstract as plain text, cleaned once on save (recap.core.cleaned_text):
    # what calendars, the frab schedule and JSON-LD carry.
    abstract_text = models.TextField(
        verbose_name=_("abstract as plain text"), blank=True, editable=False
    )
    status = models.CharField(
        verbose_name=pgettext_lazy("session", "status"),
        max_length=20,
        choices=SessionStatus.choices,
        default=SessionStatus.SCHEDULED,
    )
    recording_url = models.URLField(
        _("recording"),
        blank=True,
        help_text=_("A video page of the recording, shown as an embed."),
    )
    # The recording (recap.events.recording): whether there is or will be
    # one, its licence and the speakers' consent, captions and chapters.
    recording_status = models.CharField(
        verbose_name=_("recorded"),
        max_length=20,
        choices=[AS_EVENT, *RecordingStatus.choices],
        blank=True,
        default="",
    )
    recording_licence = models.CharField(
        verbose_name=_("recording's licence"),
        max_length=100,
        blank=True,
        help_text=_("For example CC BY 4.0. Empty: the event's licence."),
    )
    recording_optout = models.BooleanField(
        verbose_name=_("speakers opted out of the recording"),
        default=False,
        help_text=_("The speakers do not consent to the recording being published."),
    )
    captions_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("captions file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A WebVTT (.vtt) file of the recording's captions."),
        # No index or constraint: on SQLite, dropping a column that has one
        # rebuilds the table, which would lose the dormant question-settings
        # columns (migration 0004). SET_NULL is Django's, not the database's.
        db_constraint=False,
        db_index=False,
    )
    captions_text = models.TextField(
        verbose_name=_("captions (WebVTT)"),
        blank=True,
        help_text=_("Or paste the WebVTT text here. The transcript is made from the captions."),
    )
    captions_language = models.CharField(
        verbose_name=_("captions' language"),
        max_length=16,
        blank=True,
        help_text=_("A language code, such as en or fr. Empty: the language of the talk."),
    )
    # The captions in use (the file's, else the pasted text), copied on save,
    # and their text without times: what the page's search index holds.
    captions_vtt = models.TextField(verbose_name=_("captions in use"), blank=True, editable=False)
    transcript_text = models.TextField(verbose_name=_("transcript"), blank=True, editable=False)
    # How the session can be followed; empty: as the event.
    live_captions = models.CharField(
        verbose_name=_("live captions"),
        max_length=20,
        choices=[AS_EVENT, *LiveCaptions.choices],
        blank=True,
        default="",
    )
    sign_language = models.CharField(
        verbose_name=_("sign language interpretation"),
        max_length=3,
        choices=YES_NO_AS_EVENT,
        blank=True,
        default="",
    )
    slides_in_advance = models.CharField(
        verbose_name=_("slides available before the talk"),
        max_length=3,
        choices=YES_NO_AS_EVENT,
        blank=True,
        default="",
    )
    language = models.CharField(
        verbose_name=_("language of the talk"),
        max_length=16,
        blank=True,
        help_text=_("A language code, such as en or fr. Empty: the event's language."),
    )
    topics = topics_field(SessionTopic)
    # Stable identity for calendars and conference apps: stored, never derived
    # from the title or URL, so it survives renames and moves.
    calendar_uid = models.UUIDField(
        verbose_name=_("calendar UID"), default=uuid.uuid4, unique=True, editable=False
    )
    sequence = models.PositiveIntegerField(
        verbose_name=_("calendar sequence"), default=0, editable=False
    )
    # A copy is a new event or session for calendars: its own UID, from SEQUENCE 0.
    exclude_fields_in_copy = ["calendar_uid", "sequence"]

    content_panels = [
        ProgrammeChecksPanel(),
        TitleFieldPanel("title"),
        FieldPanel("kind"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldRowPanel([FieldPanel("room"), FieldPanel("track")]),
                FieldPanel("status"),
            ],
            heading=_("When and where"),
        ),
        MultipleChooserPanel(
            "speaker_links",
            chooser_field_name="speaker",
            heading=_("Speakers"),
            label=pgettext_lazy("speaker role", "Speaker"),
        ),
        FieldPanel("abstract"),
    ]
    details_panels = [
        FieldPanel("topics"),
        MultipleChooserPanel(
            "resource_links",
            chooser_field_name="resource",
            heading=_("Resources"),
            label=_("Resource"),
        ),
    ]
    recording_panels = [
        FieldPanel("recording_url"),
        FieldRowPanel([FieldPanel("recording_status"), FieldPanel("recording_licence")]),
        FieldPanel("recording_optout"),
        MultiFieldPanel(
            [
                FieldPanel("captions_document"),
                FieldPanel("captions_text"),
                FieldPanel("captions_language"),
            ],
            heading=_("Captions and transcript"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("chapters_paste"),
                InlinePanel("chapters", label=_("Chapter")),
            ],
            heading=_("Chapters"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("live_captions"), FieldPanel("language")]),
                FieldRowPanel([FieldPanel("sign_language"), FieldPanel("slides_in_advance")]),
            ],
            heading=_("How the session can be followed"),
            help_text=_("Empty choices take the event's settings."),
        ),
    ]
    # Higher apps add their own tabs through the hook, for the settings they
    # own: no optional app's fields live on the session.
    edit_handler = HookedTabbedInterface(
        [
            ObjectList(content_panels, heading=pgettext_lazy("conference", "Session")),
            ObjectList(details_panels, heading=_("Details")),
            ObjectList(recording_panels, heading=_("Recording")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ],
        hook_name=SESSION_EDIT_TABS_HOOK,
    )
    base_form_class = SessionPageForm
    cleaned_copies = {"abstract_text": "abstract"}

    search_fields = Page.search_fields + [
        index.SearchField("abstract"),
        index.RelatedFields("room", [index.SearchField("name")]),
        index.SearchField("track"),
        index.FilterField("kind"),
        index.FilterField("start"),
        index.FilterField("status"),
        index.RelatedFields(
            "speaker_links",
            [
                index.RelatedFields(
                    "speaker",
                    [
                        index.SearchField("name", boost=3),
                        index.AutocompleteField("name"),
                        index.SearchField("organisation"),
                    ],
                )
            ],
        ),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.SearchField("transcript_text"),
        STEMS_FIELD,
    ]

    # Nothing about delegate questions: the API never exposes them.
    api_fields = [
        APIField("event", serializer=PageSummaryField()),
        APIField("kind"),
        APIField("start"),
        APIField("end"),
        APIField("room", serializer=RoomNameField()),
        APIField("track"),
        APIField("status"),
        APIField("abstract"),
        APIField("speakers", serializer=SpeakerLinksField(source="speaker_links")),
        APIField("topics", serializer=TopicsField()),
        APIField("recording_url"),
        APIField("recording", serializer=RecordingField()),
        APIField("following", serializer=FollowingField()),
        APIField("resources", serializer=SessionResourcesField(source="resource_links")),
        APIField("calendar_uid"),
        APIField("sequence"),
    ]

    parent_page_types = ["recap_events.EventPage"]
    subpage_types = []
    template = "recap_events/session_page.html"

    class Meta:
        verbose_name = pgettext_lazy("conference", "session")

    #: The session's event (its parent page), fetched on first use unless
    #: set by whoever loaded the session (`attach_sessions_to_events`, the
    #: event's routing).
    event = ParentPage()

    @property
    def tz(self):
        event = self.event
        return event.tz if event else zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tz)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tz)

    @property
    def is_cancelled(self):
        return self.status == SessionStatus.CANCELLED

    @cached_property
    def is_break(self):
        """A break, lunch, networking or another slot without speakers: its page
        offers no questions and no share links (nobody to ask, nothing to say)."""
        if self.kind in BREAK_KINDS:
            return True
        return self.kind == SessionKind.OTHER and not self.speaker_links.exists()

    @property
    def room_name(self):
        """The room's name, or "" (what calendars, frab, the API and JSON-LD show)."""
        return self.room.name if self.room_id else ""

    @cached_property
    def following(self):
        """How the session can be followed, its own choices over its event's
        defaults (recap.events.following.Following)."""
        return following_of(self, self.event)

    @cached_property
    def captions(self):
        """The captions' cues (recap.events.recording.Cue), [] without any."""
        if not self.captions_vtt:
            return []
        try:
            return recording.parse_webvtt(self.captions_vtt)
        except ValidationError:
            return []

    @cached_property
    def chapter_list(self):
        """The chapters in time order, each with its `end` (the next one's
        start, or the session's length). Chapters are moments of a recording
        or its transcript: without either there is nothing to read (and no
        query)."""
        if not (self.recording_url or self.captions_vtt):
            return []
        chapters = sorted(self.chapters.all(), key=lambda chapter: (chapter.start, chapter.pk or 0))
        length = self.end - self.start if self.start and self.end else None
        for position, chapter in enumerate(chapters):
            after = chapters[position + 1].start if position + 1 < len(chapters) else length
            chapter.end = after if after and after > chapter.start else None
            chapter.session = self
        return chapters

    @property
    def captions_language_code(self):
        return self.captions_language or self.following.language

    @property
    def video_type(self):
        """The MIME type when the recording is a video file Recap serves."""
        return recording.video_file_type(self.recording_url)

    def fill_captions(self):
        """Copy the captions in use (the file's, else the pasted text) and
        their transcript text; a file that cannot be read or is not WebVTT
        leaves none (the admin form refuses those)."""
        text = self.captions_text
        if self.captions_document_id:
            text = read_captions_document(self.captions_document) or ""
        try:
            cues = recording.parse_webvtt(text) if text.strip() else []
        except ValidationError:
            text, cues = "", []
        self.captions_vtt = text if cues else ""
        self.transcript_text = recording.transcript_text(cues)
        self.__dict__.pop("captions", None)

    def clean(self):
        super().clean()
        validate_time_range(self.start, self.end, end_field="end")
        if self.captions_text.strip():
            try:
                recording.parse_webvtt(self.captions_text)
            except ValidationError as error:
                raise ValidationError({"captions_text": error.messages}) from error
        # The admin form offers only the event's rooms; this guards other
        # paths (imports, code) once the session has its place in the tree.
        if self.room_id and self.pk and self.path:
            event = self.event
            if event is not None and self.room.page_id != event.pk:
                raise ValidationError({"room": _("Choose one of this session's event's rooms.")})

    def save(self, *args, **kwargs):
        bump_sequence_on_change(self, ("start", "end", "room_id", "status"))
        self.fill_captions()
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.views.session_context(request, self))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # The page carries the ask form and vote buttons (CSRF token, this
        # browser's own pending questions): never from a shared cache.
        if response.get("Content-Type", "").startswith("text/html"):
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
        return response

    def serve_preview(self, request, mode_name):
        fill_cleaned_copies(self)  # a preview is not saved: its cleaned copies are not either
        self.fill_captions()
        return super().serve_preview(request, mode_name)

    @path("", name="detail")
    def detail(self, request):
        return self.render(request)

    def get_cached_paths(self):
        """What a CDN purges when the session changes
        (wagtail.contrib.frontend_cache): the page, its calendar file and
        its captions."""
        return ["/", "/session.ics", "/captions.vtt"]

    @path("captions.vtt", name="captions")
    def captions_file(self, request):
        return self.views.captions_view(request, self)

    @path("session.ics", name="calendar")
    def calendar(self, request):
        return self.views.session_calendar_view(request, self)


class SessionSpeaker(Orderable):
    """A speaker on a session, in order, with the part they play."""

    page = ParentalKey(
        SessionPage,
        verbose_name=pgettext_lazy("conference", "session"),
        on_delete=models.CASCADE,
        related_name="speaker_links",
    )
    speaker = models.ForeignKey(
        "recap_speakers.Speaker",
        verbose_name=_("speaker"),
        on_delete=models.CASCADE,
        related_name="session_links",
    )
    role = models.CharField(
        verbose_name=_("role"),
        max_length=20,
        choices=SpeakerRole.choices,
        default=SpeakerRole.SPEAKER,
    )

    panels = [FieldPanel("speaker"), FieldPanel("role")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "speaker"], name="recap_session_speaker_once")
        ]

    def __str__(self):
        return f"{self.speaker} ({self.get_role_display()})"


class SessionChapter(Orderable):
    """A moment of a session's recording: where it starts and its title."""

    page = ParentalKey(
        SessionPage,
        verbose_name=pgettext_lazy("conference", "session"),
        on_delete=models.CASCADE,
        related_name="chapters",
    )
    start = models.DurationField(
        verbose_name=_("starts at"),
        help_text=_("Time into the recording: 12:30 or 1:02:03."),
        validators=[MinValueValidator(datetime.timedelta(0))],
    )
    title = models.CharField(verbose_name=_("title"), max_length=200)

    panels = [FieldRowPanel([FieldPanel("start"), FieldPanel("title")])]

    class Meta(Orderable.Meta):
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self):
        return f"{recording.clock(self.start)} {self.title}"

    @property
    def seconds(self):
        return int(self.start.total_seconds())

    @property
    def clock(self):
        return recording.clock(self.start)

    @property
    def anchor(self):
        return f"chapter-{self.pk}"

    def watch_url(self, recording_url=None):
        """The recording opened at this chapter (YouTube ?t=, Vimeo #t=, a
        video file's #t=), for readers without JavaScript."""
        if recording_url is None:
            recording_url = self.page.recording_url
        return recording.url_at(recording_url, self.seconds)


def read_captions_document(document):
    """A WebVTT document's text, or None when its file cannot be read."""
    try:
        with document.file.open("rb") as handle:
            return handle.read(MAX_CAPTIONS_BYTES + 1)[:MAX_CAPTIONS_BYTES].decode("utf-8")
    except (OSError, ValueError):
        return None


# Captions of a three-hour talk are some 300 KB; anything far larger is not captions.
MAX_CAPTIONS_BYTES = 5 * 1024 * 1024


class SessionResource(Orderable):
    page = ParentalKey(
        SessionPage,
        verbose_name=pgettext_lazy("conference", "session"),
        on_delete=models.CASCADE,
        related_name="resource_links",
    )
    resource = models.ForeignKey(
        "recap_resources.Resource",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="session_links",
    )
    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        constraints = [
            models.UniqueConstraint(fields=["page", "resource"], name="recap_session_resource_once")
        ]


class Agenda(models.Model):
    """A delegate's personal agenda, kept without an account: the random
    token lives in the delegate's cookie and in their private feed's signed URL.
    No personal data is stored."""

    token = models.UUIDField(
        verbose_name=_("token"), default=uuid.uuid4, unique=True, editable=False
    )
    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)

    def __str__(self):
        return f"Agenda {self.pk}"


class AgendaItem(models.Model):
    agenda = models.ForeignKey(
        Agenda, verbose_name=_("agenda"), on_delete=models.CASCADE, related_name="items"
    )
    session = models.ForeignKey(
        SessionPage,
        verbose_name=pgettext_lazy("conference", "session"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    added_at = models.DateTimeField(verbose_name=_("added at"), auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["agenda", "session"], name="recap_agenda_item_once")
        ]

    def __str__(self):
        return f"Agenda {self.agenda_id}: session {self.session_id}"


def validate_time_range(start, end, end_field="end"):
    """Refuse an end that is not after the start, with a message on the end field.
    Compared as instants: two times of one zone compare by their wall clock in
    Python, wrong in the hour a zone repeats when its clocks go back."""
    if start and end and end.timestamp() <= start.timestamp():
        raise ValidationError({end_field: _("The end must be after the start.")})


def bump_sequence_on_change(instance, fields):
    """Keep the iCalendar SEQUENCE right: never lower than what is stored
    (a revision being published may carry an old value) and one higher when a
    field that calendar clients care about (time, place, status) changed."""
    if not instance.pk:
        return
    stored = type(instance).objects.filter(pk=instance.pk).values("sequence", *fields).first()
    if stored is None:
        return
    sequence = max(stored["sequence"], instance.sequence or 0)
    if any(stored[name] != getattr(instance, name) for name in fields):
        sequence += 1
    instance.sequence = sequence
