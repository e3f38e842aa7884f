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
from wagtail.admin.ui.tables import UpdatedAtColumn
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
                )
            )
        name = self.source.name
        try:
            result = merge_speakers(self.source, target)
        except MergeRefused as exc:
            form.add_error("target", str(exc))
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "Merged “%(name)s” into “%(target)s”: %(count)s link moved; "
                "the old address now redirects here.",
                "Merged “%(name)s” into “%(target)s”: %(count)s links moved; "
                "the old address now redirects here.",
                result.total,
            )
            % {"name": name, "target": target.name, "count": result.total},
        )
        return redirect("wagtailsnippets_recap_speakers_speaker:edit", target.pk)

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "source": self.source}


class SpeakerChooserCreateView(KeepPicksCreateView):
    response_data_title_key = "string"


class SpeakerChooserViewSet(SnippetChooserViewSet):
    """The speaker chooser, with a "Create" tab: a new speaker from a
    session's editor without leaving it (name, optional slug, job title,
    organisation; the rest in the speaker's own editor). Picks made before
    creating are kept (see ``recap.core.admin.choosers``). It offers people, never
    a translation (``recap.core.translations``); a new one is made in the
    default locale."""

    choose_view_class = CanonicalChooseView
    choose_results_view_class = CanonicalChooseResultsView
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
