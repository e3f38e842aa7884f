"""Admin views for speakers: the Speaker snippet viewset (shown in the
"Recap library" menu group) and the merge view that joins two records of the
same person after a confirmation step."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView
from wagtail import hooks
from wagtail.admin.ui.tables import Column, UpdatedAtColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from recap.core.admin.choosers import (
    CanonicalChooseResultsView,
    CanonicalChooseView,
    KeepPicksCreateView,
)
from recap.core.admin.menu import LIBRARY_MENU_HOOK
from recap.core.translations import is_canonical

from ..merging import (
    TRANSLATION_NOT_MERGED,
    MergeRefused,
    merge_speakers,
    preview_merge,
    preview_merge_lines,
)
from ..models import Speaker
from .forms import speaker_creation_form_class
from .merge_forms import MergeForm

MERGE_URL_NAME = "wagtailsnippets_recap_speakers_speaker:merge"
# The speaker chooser's parameter that leaves one record out.
EXCLUDE_PARAM = "exclude"
# Hook: fn(speaker ids) -> {speaker id: "the last event they spoke at"}.
LAST_EVENTS_HOOK = "recap_speaker_last_events"


def last_events_of(speaker_ids):
    """{speaker id: text} from the apps that know where speakers spoke."""
    found = {}
    if not speaker_ids:
        return found
    for hook in hooks.get_hooks(LAST_EVENTS_HOOK):
        for pk, text in hook(speaker_ids).items():
            found.setdefault(pk, text)
    return found


def likely_duplicates(speaker):
    """Other people (canonical records) with `speaker`'s name, whatever its
    case and spacing."""
    from recap.core.translations import canonical

    name = " ".join(speaker.name.split())
    return list(
        canonical(Speaker.objects.filter(name__iexact=name).exclude(pk=speaker.pk)).order_by("pk")
    )


def namesake_details(speaker):
    """What tells a namesake apart: job title, organisation, last event."""
    parts = [speaker.job_title, speaker.organisation, last_events_of([speaker.pk]).get(speaker.pk)]
    return ", ".join(part for part in parts if part) or _("no job title or organisation")


def public_address(request, speaker):
    """The speaker's public page as a reader types it (full URL when the
    site's address is known), else their slug as a path."""
    url = speaker.get_url(request) or f"/{speaker.slug}/"
    return request.build_absolute_uri(url) if url.startswith("/") else url


class MergeSpeakerView(WagtailAdminTemplateMixin, FormView):
    """Step 1: choose the record to keep. Step 2: see what will move, and
    confirm. Step 3: merge, then go to the kept record."""

    template_name = "recap_speakers/admin/merge.html"
    form_class = MergeForm
    header_icon = "user"

    def dispatch(self, request, pk):
        self.source = get_object_or_404(Speaker, pk=pk)
        policy = SpeakerViewSet().permission_policy
        if not (
            policy.user_has_permission(request.user, "change")
            and policy.user_has_permission(request.user, "delete")
        ):
            raise PermissionDenied
        if not is_canonical(self.source):
            # A translation carries text only; its person is what gets merged.
            messages.error(request, TRANSLATION_NOT_MERGED)
            return redirect("wagtailsnippets_recap_speakers_speaker:list")
        return super().dispatch(request, pk=pk)

    def get_page_title(self):
        return _("Merge %(name)s") % {"name": self.source.name}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {
                "url": reverse("wagtailsnippets_recap_speakers_speaker:list"),
                "label": _("Speakers"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "source": self.source}

    def form_valid(self, form):
        target = form.cleaned_data["target"]
        if self.request.POST.get("confirm") != "yes":
            return self.render_to_response(
                self.get_context_data(
                    form=form,
                    target=target,
                    counts=preview_merge(self.source, target),
                    count_lines=preview_merge_lines(self.source, target),
                    source_url=public_address(self.request, self.source),
                    target_url=public_address(self.request, target),
                )
            )
        name = self.source.name
        try:
            result = merge_speakers(self.source, target)
        except MergeRefused as exc:
            form.add_error("target", str(exc))
            return self.form_invalid(form)
        if name == target.name:
            # Namesakes: the name once ("Merged “Ada” into “Ada”" reads as a slip).
            message = ngettext(
                "Merged the two records of “%(name)s”: %(count)s link moved; "
                "the old address now redirects here.",
                "Merged the two records of “%(name)s”: %(count)s links moved; "
                "the old address now redirects here.",
                result.total,
            )
        else:
            message = ngettext(
                "Merged “%(name)s” into “%(target)s”: %(count)s link moved; "
                "the old address now redirects here.",
                "Merged “%(name)s” into “%(target)s”: %(count)s links moved; "
                "the old address now redirects here.",
                result.total,
            )
        messages.success(
            self.request, message % {"name": name, "target": target.name, "count": result.total}
        )
        return redirect("wagtailsnippets_recap_speakers_speaker:edit", target.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "source": self.source}


class SpeakerChooserCreateView(KeepPicksCreateView):
    response_data_title_key = "string"


class SpeakerChoicesMixin:
    """The speaker chooser's rows tell namesakes apart: job title,
    organisation and the last event they spoke at (which the events app
    tells through the ``LAST_EVENTS_HOOK``, one query per page of rows).
    ``?exclude=<id>`` leaves a record out (the merge view's own record),
    through searches and pages too."""

    preserve_url_parameters = ["multiple", EXCLUDE_PARAM]

    def get_object_list(self):
        objects = super().get_object_list()
        exclude = self.request.GET.get(EXCLUDE_PARAM, "")
        if exclude.isdigit():
            objects = objects.exclude(pk=int(exclude))
        return objects

    @property
    def columns(self):
        return super().columns + [
            Column("job_title", label=gettext_lazy("Job title"), accessor="job_title"),
            Column("organisation", label=gettext_lazy("Organisation"), accessor="organisation"),
            Column("last_event", label=gettext_lazy("Last event"), accessor=self.last_event),
        ]

    def last_event(self, speaker):
        if getattr(self, "_last_events", None) is None:
            ids = [row.pk for row in getattr(self, "results", None) or []]
            self._last_events = last_events_of(ids)
        return self._last_events.get(speaker.pk, "")


class SpeakerChooseView(SpeakerChoicesMixin, CanonicalChooseView):
    pass


class SpeakerChooseResultsView(SpeakerChoicesMixin, CanonicalChooseResultsView):
    pass


class SpeakerChooserViewSet(SnippetChooserViewSet):
    """The speaker chooser, with a "Create" tab: a new speaker from a
    session's editor without leaving it (name, optional slug, job title,
    organisation; the rest in the speaker's own editor). Picks made before
    creating are kept (see ``recap.core.admin.choosers``). It offers people, never
    a translation (``recap.core.translations``); a new one is made in the
    default locale."""

    choose_view_class = SpeakerChooseView
    choose_results_view_class = SpeakerChooseResultsView
    create_view_class = SpeakerChooserCreateView
    creation_form_class = speaker_creation_form_class()


class SpeakerViewSet(SnippetViewSet):
    model = Speaker
    chooser_viewset_class = SpeakerChooserViewSet
    icon = "user"
    menu_label = gettext_lazy("Speakers")
    menu_hook = LIBRARY_MENU_HOOK
    menu_order = 10
    # Wagtail's own label is translated once, at import, in English: a lazy one
    # follows the editor's admin language.
    list_display = [
        "name",
        "job_title",
        "organisation",
        UpdatedAtColumn(label=gettext_lazy("Updated")),
    ]
    list_filter = {"organisation": ["icontains"], "job_title": ["icontains"]}
    search_fields = ["name", "organisation", "job_title"]
    # Searched by the ORM: a search backend given named fields matches them as
    # columns of SQLite's full-text table, which has none ("no such column:
    # name", a 500 on the database `wagtail start` gives). The site search
    # still finds speakers through the index.
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "slug",
        "job_title",
        "organisation",
        "bio",
        "photo",
        "website",
        "x_handle",
        "mastodon_url",
        "bluesky_handle",
        "linkedin_url",
    ]

    @property
    def merge_view(self):
        return MergeSpeakerView.as_view()

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("merge/<str:pk>/", self.merge_view, name="merge"),
        ]
