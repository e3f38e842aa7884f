"""Speakers: one record per person across all events.

Speakers depend on nothing else of Recap's. Pages that list a speaker's
sessions or write-ups reach them through reverse relations, so no import
points back from here to events or write-ups.
"""

from django.conf import settings
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.admin.widgets.slug import SlugInput
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import RichTextField
from wagtail.models import Page, PreviewableMixin, RevisionMixin, TranslatableMixin
from wagtail.search import index

from recap.core.admin.panels import NameFieldPanel
from recap.core.cleaned_text import fill_cleaned_copies
from recap.core.links import page_url
from recap.core.page_views import PageViews
from recap.core.stemming import STEMS_FIELD, StemmedSearch
from recap.core.translations import (
    canonical,
    canonical_record,
    in_reader_locale_first,
    is_canonical,
)
from recap.core.versioning import cached

from .admin.forms import SpeakerForm
from .exports.api_fields import ImageRenditionField, SpeakerPageURLField

BIO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class Speaker(
    TranslatableMixin,
    StemmedSearch,
    PreviewableMixin,
    RevisionMixin,
    index.Indexed,
    ClusterableModel,
):
    """A person who speaks at, chairs or writes about events.

    One person, one record, in every language (Wagtail's ``TranslatableMixin``):
    the record in the site's default locale is the person (the "canonical"
    record). Every relation points at it: sessions, write-ups, resources,
    merges, agendas, API ids, .ics UIDs and the page's URL; the directory,
    search and sitemaps list it alone. A translation (same translation key,
    another locale, made with the snippet's "Translate" action) keeps the
    person's slug and only carries what a reader reads in their language:
    ``translated_fields``, the bio and the job title (so the role line).
    Readers get them through ``recap.core.translations.show_translations``.
    """

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    name = models.CharField(_("name"), max_length=200)
    # Unique per locale: a translation keeps the person's slug.
    slug = models.SlugField(
        _("slug"),
        max_length=200,
        help_text=_("Forms the speaker's public address, /speakers/<slug>/."),
    )
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_(
            "How the directory sorts this person, e.g. 'Okafor, Ada'. "
            "Left empty, the last word of the name is used."
        ),
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True, db_index=True)
    bio = RichTextField(_("bio"), features=BIO_FEATURES, blank=True)
    # The bio as plain text, cleaned once on save (recap.core.cleaned_text):
    # what the speaker's JSON-LD and meta description carry.
    bio_text = models.TextField(blank=True, editable=False)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    website = models.URLField(_("website"), blank=True)
    x_handle = models.CharField(
        _("X/Twitter handle"), max_length=50, blank=True, help_text=_("Without the @.")
    )
    mastodon_url = models.URLField(_("Mastodon profile"), blank=True)
    bluesky_handle = models.CharField(
        _("Bluesky handle"), max_length=253, blank=True, help_text=_("e.g. name.bsky.social")
    )
    linkedin_url = models.URLField(_("LinkedIn profile"), blank=True)
    # Private: only for sending the speaker their link to add slides
    # (speaker links); never shown on a page, in a feed or the API.
    email = models.EmailField(
        _("email address"),
        blank=True,
        help_text=_("Private. Used to send the speaker their link to add slides and links."),
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("site account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recap_speaker",
        help_text=_("The site account behind this person, if they write for the site."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    base_form_class = SpeakerForm
    panels = [
        TabbedInterface(
            [
                ObjectList(
                    [
                        NameFieldPanel("name"),
                        FieldPanel("slug", widget=SlugInput),
                        FieldRowPanel([FieldPanel("job_title"), FieldPanel("organisation")]),
                        FieldPanel("photo"),
                        FieldPanel("bio"),
                    ],
                    heading=_("Profile"),
                ),
                ObjectList(
                    [
                        MultiFieldPanel(
                            [
                                FieldPanel("website"),
                                FieldPanel("x_handle"),
                                FieldPanel("mastodon_url"),
                                FieldPanel("bluesky_handle"),
                                FieldPanel("linkedin_url"),
                            ],
                            heading=_("On the web"),
                        ),
                    ],
                    heading=_("Links"),
                ),
                ObjectList(
                    [FieldPanel("sort_name"), FieldPanel("email"), FieldPanel("user")],
                    heading=_("Settings"),
                ),
            ]
        )
    ]

    cleaned_copies = {"bio_text": "bio"}
    # What a translation carries (recap.core.translations); the rest of a
    # translation is not read.
    translated_fields = ("job_title", "bio", "bio_text")
    # A translation is text only: the site account and address stay with the person.
    exclude_fields_in_copy = ["user", "email"]

    search_fields = [
        index.SearchField("name", boost=5),
        index.AutocompleteField("name"),
        index.SearchField("job_title"),
        index.SearchField("organisation", boost=2),
        index.AutocompleteField("organisation"),
        index.SearchField("bio"),
        STEMS_FIELD,
        index.FilterField("organisation"),
        index.FilterField("slug"),
        index.FilterField("locale"),
        # The merge chooser leaves the merged record out of its searches.
        index.FilterField("id"),
    ]

    # Public profile only: not the site account, not the record's timestamps.
    api_fields = [
        APIField("name"),
        APIField("slug"),
        APIField("sort_name"),
        APIField("job_title"),
        APIField("organisation"),
        APIField("bio"),
        APIField("photo", serializer=ImageRenditionField("fill-320x320-c50")),
        APIField("website"),
        APIField("x_handle"),
        APIField("mastodon_url"),
        APIField("bluesky_handle"),
        APIField("linkedin_url"),
        APIField("url", serializer=SpeakerPageURLField()),
    ]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_name", "name"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        constraints = [
            models.UniqueConstraint(
                fields=["slug", "locale"], name="recap_speaker_slug_per_locale"
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.locale_id is not None and not is_canonical(self):
            # A translation keeps the person's slug (their one address).
            original = canonical_record(self)
            if original is not self:
                self.slug = original.slug
        if not self.slug:
            self.slug = unique_speaker_slug(self.name, exclude_pk=self.pk)
        if not self.sort_name:
            self.sort_name = default_sort_name(self.name)
        super().save(*args, **kwargs)

    @property
    def initial(self):
        """The directory letter this speaker files under (A-Z, or '#')."""
        first = (self.sort_name or self.name or "#")[:1].upper()
        return first if "A" <= first <= "Z" else "#"

    @property
    def role_line(self):
        return ", ".join(part for part in (self.job_title, self.organisation) if part)

    @property
    def x_url(self):
        return f"https://x.com/{self.x_handle.lstrip('@')}" if self.x_handle else ""

    @property
    def bluesky_url(self):
        handle = self.bluesky_handle.lstrip("@")
        return f"https://bsky.app/profile/{handle}" if handle else ""

    @property
    def same_as(self):
        """Profile links, for schema.org's sameAs."""
        links = [self.website, self.x_url, self.mastodon_url, self.bluesky_url, self.linkedin_url]
        return [link for link in links if link]

    def get_url(self, request=None):
        """The speaker's public page, under the site's speaker index page.

        With a request, the index page is looked up once per request, so a
        page listing a hundred speakers does not make a hundred queries."""
        index_url = speaker_index_url(request)
        if index_url is not None:
            return f"{index_url}{self.slug}/"
        try:
            return reverse("recap_speakers:detail", kwargs={"slug": self.slug})
        except NoReverseMatch:
            # Neither a directory page nor the fallback URLs: no page to link to.
            return ""

    get_absolute_url = get_url

    def get_preview_template(self, request, mode_name):
        return "recap_speakers/speaker_page.html"

    def get_preview_context(self, request, mode_name):
        fill_cleaned_copies(self)  # a preview is not saved: its bio_text is not either
        return self.views.speaker_context(
            request, self, page=SpeakerIndexPage.objects.live().first()
        )


def speaker_index_url(request=None):
    """The URL of the live speaker directory page (cached on the request and
    under the content version), or None when the site has none."""
    known = getattr(request, "_recap_speaker_index_url", False) if request else False
    if known is not False:
        return known

    def find():
        # The directory in the reader's language (else the default one).
        index_page = in_reader_locale_first(SpeakerIndexPage.objects.live()).first()
        return index_page.get_url(request) if index_page is not None else None

    if request is None:
        return find()
    # Kept in the cache until a page is published, moved or deleted.
    url = cached(f"speaker-index-url:{request.scheme}:{request.get_host()}", find)
    request._recap_speaker_index_url = url
    return url


def default_sort_name(name):
    parts = name.split()
    if len(parts) < 2:
        return name
    return f"{parts[-1]}, {' '.join(parts[:-1])}"


def unique_speaker_slug(name, exclude_pk=None):
    base = slugify(name)[:190] or "speaker"
    slug, n = base, 2
    # Slugs are unique among people (canonical records); translations share them.
    qs = canonical(Speaker.objects.all())
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    while qs.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


class SpeakerAlias(models.Model):
    """An old slug of a speaker, kept when records are merged or renamed,
    so that links to the old address still reach the person."""

    slug = models.SlugField(max_length=200, unique=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")

    def __str__(self):
        return f"{self.slug} → {self.speaker}"


class SpeakerIndexPage(RoutablePageMixin, Page):
    """The speaker directory, and the home of every speaker's public page
    (/speakers/<slug>/), served as sub-routes of this page."""

    # The views that render it, registered by the app's views (recap.core.page_views).
    views = PageViews()

    # Named, not Django's default reverse name on Page (the class name), which
    # a host's own page model of the same name would claim too.
    page_ptr = models.OneToOneField(
        Page, parent_link=True, on_delete=models.CASCADE, related_name="recap_speakerindexpage"
    )

    intro = RichTextField(_("introduction"), features=BIO_FEATURES, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count = 1
    template = "recap_speakers/speaker_index_page.html"

    class Meta:
        verbose_name = _("speaker directory")
        verbose_name_plural = _("speaker directories")

    def get_sitemap_urls(self, request=None):
        """The directory and every speaker's page (its sub-routes)."""
        urls = super().get_sitemap_urls(request)
        base = page_url(request, self)
        if base:
            urls += [
                {"location": f"{base}{slug}/", "lastmod": updated_at}
                for slug, updated_at in canonical(
                    Speaker.objects.order_by("sort_name", "pk")
                ).values_list("slug", "updated_at")
            ]
        return urls

    @path("")
    def directory(self, request):
        return self.views.directory_view(request, self)

    @re_path(r"^(?P<slug>[-\w]+)/$", name="speaker")
    def speaker(self, request, slug):
        return self.views.speaker_view(request, self, slug)
