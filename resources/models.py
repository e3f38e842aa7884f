"""Resources (articles, videos, research...) and topics.

This app depends only on speakers. Events, sessions and write-ups link to
resources and topics from their own side (through-models in their apps), so
no arrow points back here; pages in this app reach them by reverse relations.
"""

from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from recap.core.admin.panels import NameFieldPanel
from recap.core.links import page_url
from recap.core.page_views import PageViews
from recap.core.stemming import STEMS_FIELD, StemmedSearch
from recap.core.translations import canonical, in_reader_locale_first
from recap.speakers.exports.api_fields import SpeakerSummariesField, TopicsField

from .topics import TopicForm, local_topic_names, topics_field


class ResourceForm(WagtailAdminModelForm):
    """The resource's editor: its speakers are people (canonical records),
    never a speaker's translation (recap.core.translations)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "speakers" in self.fields:
            self.fields["speakers"].queryset = canonical(self.fields["speakers"].queryset)


INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Topic(StemmedSearch, index.Indexed, ClusterableModel, TagBase):
    """A subject shared by events, sessions, write-ups and resources.

    A custom tag model (rather than taggit's shared Tag) so Recap's topics are
    their own list, with a description for the topic page.

    One topic in every language: its name and description in another
    language are rows of ``TopicName`` (an inline on the topic's editor),
    shown to readers of that language (``local_name``,
    ``local_description``). A topic is not a translatable snippet, because a
    tag's name is unique and every page's topic field points at one record.
    """

    description = models.TextField(_("description"), blank=True)

    # Editors pick topics; they add one deliberately, in the Topics snippet
    # (resources/topics.py), never by typing a new name into a page's field.
    free_tagging = False
    base_form_class = TopicForm
    panels = [
        NameFieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        InlinePanel(
            "names",
            heading=_("In other languages"),
            label=_("name in another language"),
            help_text=_("Readers of that language see this name and description."),
        ),
    ]

    # Found by the site search under "Topics" (writeups/search.py).
    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        STEMS_FIELD,
        # The site search narrows topics with `id IN (...)`.
        index.FilterField("id"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def get_url(self, request=None):
        """The topic's page; the topic index is looked up once per request."""
        cached = getattr(request, "_recap_topic_index_url", False) if request else False
        if cached is False:
            # The topic index in the reader's language (else the default one).
            index_page = in_reader_locale_first(TopicIndexPage.objects.live()).first()
            cached = index_page.get_url(request) if index_page is not None else None
            if request is not None:
                request._recap_topic_index_url = cached
        if cached is not None:
            return f"{cached}{self.slug}/"
        try:
            return reverse("recap_resources:topic", kwargs={"slug": self.slug})
        except NoReverseMatch:
            return ""

    get_absolute_url = get_url

    def _local(self, field):
        """`field` in the reader's language (the topic's own where it has none)."""
        names = local_topic_names()
        entry = names.get(self.pk) if names else None
        return (entry and entry[field]) or getattr(self, field)

    @property
    def local_name(self):
        return self._local("name")

    @property
    def local_description(self):
        return self._local("description")


class TopicName(models.Model):
    """A topic's name (and description) in a language other than the site's default."""

    topic = ParentalKey(Topic, on_delete=models.CASCADE, related_name="names")
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("locale"), FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = _("name in another language")
        verbose_name_plural = _("names in other languages")
        constraints = [
            models.UniqueConstraint(fields=["topic", "locale"], name="recap_topic_name_once")
        ]

    def __str__(self):
        return self.name


class ResourceKind(models.TextChoices):
    ARTICLE = "article", _("Article")
    VIDEO = "video", _("Video")
    SLIDES = "slides", _("Slides")
    RESEARCH = "research", _("Research report")
    CASE_STUDY = "case_study", _("Case study")
    BOOK = "book", _("Book")
    PODCAST = "podcast", _("Podcast")
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")
    # A speaker's other links (sent through speaker links): a page worth a look, of no other kind.
    LINK = "link", _("Link")


class ResourceTopic(ItemBase):
    tag = models.ForeignKey(Topic, on_delete=models.CASCADE, related_name="tagged_resources")
    content_object = ParentalKey(
        "recap_resources.Resource", on_delete=models.CASCADE, related_name="tagged_topics"
    )


class Resource(
    TranslatableMixin,
    StemmedSearch,
    PreviewableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """Something worth reading or watching that an event, session, speaker or
    write-up points to: a link, an uploaded document or image, or an embed.

    One resource, one record, in every language (Wagtail's
    ``TranslatableMixin``), under the rule of ``recap.core.translations``:
    the record in the default locale is the resource, and every link (events,
    sessions, speakers, write-ups, topics) points at it; lists show it alone.
    A translation only carries ``translated_fields``, the title and the note,
    which readers get in their language."""

    title = models.CharField(_("title"), max_length=255)
    kind = models.CharField(
        pgettext_lazy("resource", "kind"),
        max_length=20,
        choices=ResourceKind.choices,
        db_index=True,
    )
    url = models.URLField(_("URL"), max_length=500, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    embed_url = models.URLField(
        _("embed URL"),
        max_length=500,
        blank=True,
        help_text=_(
            "A video or audio page (YouTube, Vimeo...) to embed where the resource is shown."
        ),
    )
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    author = models.CharField(_("author"), max_length=200, blank=True)
    published_on = models.DateField(pgettext_lazy("resource", "date"), null=True, blank=True)
    note = models.TextField(
        _("note"), blank=True, help_text=_("Why it is worth a look, in a sentence or two.")
    )
    speakers = ParentalManyToManyField(
        "recap_speakers.Speaker", verbose_name=_("speakers"), blank=True, related_name="resources"
    )
    topics = topics_field(ResourceTopic)
    # Filled by `manage.py check_resource_links`.
    link_checked_at = models.DateTimeField(
        _("link checked at"), null=True, blank=True, editable=False
    )
    link_status = models.PositiveSmallIntegerField(
        _("link status"), null=True, blank=True, editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    # What a translation carries (recap.core.translations).
    translated_fields = ("title", "note")
    # A translation is text only: links stay with the canonical record.
    exclude_fields_in_copy = ["speakers", "topics", "tagged_topics"]
    base_form_class = ResourceForm

    panels = [
        TabbedInterface(
            [
                ObjectList(
                    [
                        FieldPanel("title"),
                        FieldPanel("kind"),
                        MultiFieldPanel(
                            [
                                FieldPanel("url"),
                                FieldPanel("document"),
                                FieldPanel("image"),
                                FieldPanel("embed_url"),
                            ],
                            heading=_("Where it is"),
                        ),
                        FieldRowPanel(
                            [
                                FieldPanel("publisher"),
                                FieldPanel("author"),
                                FieldPanel("published_on"),
                            ]
                        ),
                        FieldPanel("note"),
                    ],
                    heading=_("Resource"),
                ),
                ObjectList(
                    [FieldPanel("speakers"), FieldPanel("topics")],
                    heading=_("Links"),
                ),
            ]
        )
    ]

    search_fields = [
        index.SearchField("title", boost=3),
        index.AutocompleteField("title"),
        index.SearchField("publisher"),
        index.SearchField("author"),
        index.SearchField("note"),
        index.RelatedFields("topics", [index.SearchField("name")]),
        STEMS_FIELD,
        index.FilterField("kind"),
        index.FilterField("locale"),
        # The site search narrows resources with `id IN (...)` (writeups/search.py).
        index.FilterField("id"),
    ]

    api_fields = [
        APIField("title"),
        APIField("kind"),
        APIField("href"),
        APIField("url"),
        APIField("embed_url"),
        APIField("publisher"),
        APIField("author"),
        APIField("published_on"),
        APIField("note"),
        APIField("topics", serializer=TopicsField()),
        APIField("speakers", serializer=SpeakerSummariesField()),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["-published_on", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=ResourceKind.values), name="recap_resource_kind_valid"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def href(self):
        """Where a reader goes to see the resource."""
        if self.url:
            return self.url
        if self.document_id:
            return self.document.url
        if self.embed_url:
            return self.embed_url
        if self.image_id:
            return self.image.file.url
        return ""

    @property
    def is_external(self):
        return bool(self.url or (self.embed_url and not self.document_id))

    def get_preview_template(self, request, mode_name):
        return "recap_resources/resource_preview.html"

    def get_preview_context(self, request, mode_name):
        return {**super().get_preview_context(request, mode_name), "preview_resources": [self]}


class TopicIndexPage(RoutablePageMixin, Page):
    """Lists every topic, and serves each topic's page at /topics/<slug>/."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    # Named, not Django's default reverse name on Page (the class name), which
    # a host's own page model of the same name would claim too.
    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_topicindexpage"
    )

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1
    template = "recap_resources/topic_index_page.html"

    class Meta:
        verbose_name = _("topic index")
        verbose_name_plural = _("topic indexes")

    def get_sitemap_urls(self, request=None):
        """The topic index and the page of every topic with something
        published under it (its sub-routes)."""
        urls = super().get_sitemap_urls(request)
        base = page_url(request, self)
        if base:
            from .topics import published_topics

            slugs = published_topics().order_by("name").values_list("slug", flat=True)
            urls += [{"location": f"{base}{slug}/"} for slug in slugs]
        return urls

    @path("")
    def index_route(self, request):
        return self.views.topic_index_view(request, self)

    @re_path(r"^(?P<slug>[-\w]+)/$", name="topic")
    def topic(self, request, slug):
        return self.views.topic_view(request, self, slug)


class ResourceLibraryPage(RoutablePageMixin, Page):
    """The public resource library, filterable by kind, topic, event and speaker."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_resourcelibrarypage"
    )

    intro = RichTextField(_("introduction"), features=INTRO_FEATURES, blank=True)
    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1
    template = "recap_resources/resource_library_page.html"

    class Meta:
        verbose_name = _("resource library")
        verbose_name_plural = _("resource libraries")

    @path("")
    def index_route(self, request):
        return self.views.resource_library_view(request, self)
