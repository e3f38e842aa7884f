"""Write-ups: what was said at an event, published after it.

Write-ups sit at the top of Recap's dependency chain: they point at
speakers, events, sessions, resources and questions; nothing points back.
"""

import math

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey
from rest_framework.fields import Field
from taggit.models import ItemBase
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
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

from recap.core.children import UniqueChildrenMixin
from recap.core.keep_live import KeepLiveMixin
from recap.core.links import page_url
from recap.core.page_views import PageViews
from recap.core.pages import public_page_q
from recap.core.stemming import STEMS_FIELD, StemmedSearch
from recap.core.translations import one_per_translation, under_any_translation
from recap.resources.topics import topics_field
from recap.speakers.exports.api_fields import (
    ImageRenditionField,
    SpeakerField,
    SpeakerLinksField,
    TopicsField,
)

from .admin.forms import WriteUpPageForm
from .admin.panels import CoveredEventsPanel, CoveredSessionsPanel, SessionChooserPanel
from .blocks import QUESTIONS_INSTALLED, WriteUpBodyBlock, WriteUpBodyField
from .featuring import body_text, fill_featured_speakers

INTRO_FEATURES = ["bold", "italic", "link"]


class EventLinksField(Field):
    """A write-up's events as [{id, title, url}], in order."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, links):
        # `links` come prefetched with the public events only (the API's
        # with_api_prefetches, for listings and details alike).
        request = self.context.get("request")
        return [
            {
                "id": link.event.pk,
                "title": link.event.title,
                "url": page_url(request, link.event) or None,
            }
            for link in links.all()
        ]


WORDS_PER_MINUTE = 230


def about_event_q(event):
    """Write-ups about `event`: covering it, or one of its sessions (two
    subqueries, so a write-up that does both is found once)."""
    return models.Q(pk__in=WriteUpEvent.objects.filter(event=event).values("page_id")) | models.Q(
        pk__in=WriteUpSession.objects.filter(session__path__startswith=event.path).values("page_id")
    )


def events_prefetch():
    """Prefetch a list of write-ups' live, public events (for `covered_events`)."""
    return Prefetch(
        "event_links",
        queryset=WriteUpEvent.objects.filter(public_page_q("event__"))
        .select_related("event")
        .order_by("sort_order", "pk"),
    )


class WriteUpIndexPage(RoutablePageMixin, Page):
    """Lists write-ups, newest first; serves the RSS and Atom feeds."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    # Named, not Django's default reverse name on Page (the class name), which
    # a host's own page model of the same name would claim too.
    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_writeupindexpage"
    )

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["recap_writeups.WriteUpPage"]
    template = "recap_writeups/write_up_index_page.html"

    class Meta:
        verbose_name = _("write-up index")
        verbose_name_plural = _("write-up indexes")

    def writeups(self):
        """Live, public write-ups under this index or any of its translations,
        one per write-up in the reader's language (else in its own)."""
        return one_per_translation(
            under_any_translation(WriteUpPage.objects.live().public(), self)
        ).order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.views.writeup_index_context(request, self))
        return context

    @path("", name="index")
    def index_route(self, request):
        return self.render(request)

    @path("feed/rss/", name="rss")
    def rss(self, request):
        return self.views.site_rss_view(request, self)

    @path("feed/atom/", name="atom")
    def atom(self, request):
        return self.views.site_atom_view(request, self)


class WriteUpTopic(ItemBase):
    tag = models.ForeignKey(
        "recap_resources.Topic", on_delete=models.CASCADE, related_name="tagged_writeups"
    )
    content_object = ParentalKey(
        "recap_writeups.WriteUpPage", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class WriteUpPage(KeepLiveMixin, UniqueChildrenMixin, StemmedSearch, Page):
    """An article about an event: what was said, the questions delegates
    asked and their answers, and the resources mentioned."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_writeuppage"
    )

    author = models.ForeignKey(
        "recap_speakers.Speaker",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_writeups",
        help_text=_(
            "A person on the site (a speaker record), so guest authors get a profile page."
        ),
    )
    date = models.DateField(_("published on"), default=timezone.localdate)
    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = WriteUpBodyField(WriteUpBodyBlock(), verbose_name=_("body"), blank=True)
    topics = topics_field(WriteUpTopic)
    responses_prompt = models.CharField(
        _("responses prompt"),
        max_length=255,
        blank=True,
        help_text=_("Shown above the response form when a call to action invites responses."),
    )

    content_panels = [
        TitleFieldPanel("title"),
        FieldRowPanel([FieldPanel("author"), FieldPanel("date")]),
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
    ]
    coverage_panels = [
        CoveredEventsPanel(
            "event_links",
            chooser_field_name="event",
            heading=_("Events covered"),
            label=_("Event"),
            help_text=_("A write-up can cover several events (a conference and an evening talk)."),
        ),
        CoveredSessionsPanel(
            "session_links",
            chooser_field_name="session",
            heading=_("Sessions covered"),
            label=pgettext_lazy("talk", "Session"),
        ),
        MultipleChooserPanel(
            "speaker_links",
            chooser_field_name="speaker",
            heading=_("People featured"),
            label=_("Person"),
            help_text=_("Speakers of the covered sessions and quoted speakers are added on save."),
        ),
        MultipleChooserPanel(
            "resource_links",
            chooser_field_name="resource",
            heading=_("Resources"),
            label=_("Resource"),
        ),
        FieldPanel("topics"),
        MultiFieldPanel([FieldPanel("responses_prompt")], heading=_("Reader responses")),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading=_("Write-up")),
            ObjectList(coverage_panels, heading=_("Coverage")),
            ObjectList(Page.promote_panels, heading=_("Promote")),
            ObjectList(Page.settings_panels, heading=_("Settings")),
        ]
    )

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
        index.FilterField("date"),
        index.RelatedFields("author", [index.SearchField("name")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        STEMS_FIELD,
    ]

    api_fields = [
        APIField("author", serializer=SpeakerField()),
        APIField("date"),
        APIField("events", serializer=EventLinksField(source="event_links")),
        APIField("intro"),
        APIField("hero_image", serializer=ImageRenditionField("fill-1200x630-c50")),
        APIField("body"),
        APIField("topics", serializer=TopicsField()),
        APIField("speakers", serializer=SpeakerLinksField(source="speaker_links")),
    ]

    base_form_class = WriteUpPageForm
    parent_page_types = ["recap_writeups.WriteUpIndexPage"]
    subpage_types = []
    template = "recap_writeups/write_up_page.html"

    class Meta:
        verbose_name = _("write-up")
        verbose_name_plural = _("write-ups")

    def covered_events(self):
        """The events the write-up covers, in the editor's order (from
        `event_links`, so a prefetch with their events is used)."""
        return [link.event for link in self.event_links.all() if link.event_id]

    @property
    def reading_time(self):
        """Whole minutes to read the intro and body, at least one."""
        # From the raw stream: rendering the body would fetch embeds.
        text = strip_tags(self.intro or "") + " " + strip_tags(body_text(self.body))
        return max(1, math.ceil(len(text.split()) / WORDS_PER_MINUTE))

    def clean(self):
        super().clean()
        # The body block checks this in the admin form too; here it holds for
        # every save (drafts, publishing, code), whoever the user is.
        if not QUESTIONS_INSTALLED:
            return
        from recap.questions.blocks import uncitable_question_error
        from recap.questions.signals import uncitable_question_ids

        errors = [uncitable_question_error(pk) for pk in uncitable_question_ids(self)]
        if errors:
            raise ValidationError({"body": errors})

    def save_revision(self, *args, **kwargs):
        fill_featured_speakers(self)
        return super().save_revision(*args, **kwargs)

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is None:
            fill_featured_speakers(self)
        return super().save(*args, **kwargs)

    def invites_responses(self):
        return any(
            block.block_type == "call_to_action" and block.value.get("invite_responses")
            for block in self.body
        )

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        # A response form carries a CSRF token and this browser's pending
        # responses: such pages are never kept in a shared cache.
        if self.invites_responses():
            patch_cache_control(response, private=True, no_cache=True)
            patch_vary_headers(response, ["Cookie"])
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.views.writeup_context(request, self))
        return context


class WriteUpEvent(Orderable):
    """An event the write-up covers (one post may cover several, as the seed's
    author covers a conference and an evening talk)."""

    page = ParentalKey(WriteUpPage, on_delete=models.CASCADE, related_name="event_links")
    event = models.ForeignKey(
        "recap_events.EventPage",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="writeup_links",
    )
    panels = [SessionChooserPanel("event", page_type="recap_events.EventPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("event covered")
        verbose_name_plural = _("events covered")
        constraints = [
            models.UniqueConstraint(fields=["page", "event"], name="recap_writeup_event_once")
        ]


class WriteUpSession(Orderable):
    page = ParentalKey(WriteUpPage, on_delete=models.CASCADE, related_name="session_links")
    session = models.ForeignKey(
        "recap_events.SessionPage",
        verbose_name=pgettext_lazy("talk", "session"),
        on_delete=models.CASCADE,
        related_name="writeup_links",
    )
    panels = [SessionChooserPanel("session", page_type="recap_events.SessionPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("session covered")
        verbose_name_plural = _("sessions covered")
        constraints = [
            models.UniqueConstraint(fields=["page", "session"], name="recap_writeup_session_once")
        ]


class WriteUpSpeaker(Orderable):
    """A person the write-up features (speakers of its sessions, people quoted)."""

    page = ParentalKey(WriteUpPage, on_delete=models.CASCADE, related_name="speaker_links")
    speaker = models.ForeignKey(
        "recap_speakers.Speaker",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="writeup_links",
    )
    panels = [FieldPanel("speaker")]

    class Meta(Orderable.Meta):
        verbose_name = _("person featured")
        verbose_name_plural = _("people featured")
        constraints = [
            models.UniqueConstraint(fields=["page", "speaker"], name="recap_writeup_speaker_once")
        ]


class WriteUpResource(Orderable):
    page = ParentalKey(WriteUpPage, on_delete=models.CASCADE, related_name="resource_links")
    resource = models.ForeignKey(
        "recap_resources.Resource",
        verbose_name=_("resource"),
        on_delete=models.CASCADE,
        related_name="writeup_links",
    )
    panels = [FieldPanel("resource")]

    class Meta(Orderable.Meta):
        verbose_name = _("resource cited")
        verbose_name_plural = _("resources cited")
        constraints = [
            models.UniqueConstraint(fields=["page", "resource"], name="recap_writeup_resource_once")
        ]
