"""Choosing several things in one go, in Wagtail's chooser modals.

Wagtail's multiple chooser (a MultipleChooserPanel's "Add ..." button) keeps
its ticks in the results list, so a new search, or the next page of results,
drops what was ticked. ``static/recap_core/chooser-picks.js`` (loaded on
every admin page by core's wagtail_hooks) keeps the picks in a list under
the results, as hidden ``id`` fields of the modal's form, and ticks them
again when they come back into view.

Creating a new item from the chooser's "Create" tab returns that item alone;
the script sends the picks along (``picked``), and ``KeepPicksCreateView``
returns them with the new item, so nothing picked is lost.
"""

from wagtail.snippets.views.chooser import ChooseResultsView, ChooseView, SnippetCreateView

PICKED_PARAM = "picked"


class KeepPicksCreateView(SnippetCreateView):
    """The chooser's "Create" view: in a multiple chooser, the new item and
    the ones picked before it."""

    def get_chosen_response(self, item):
        if not self.request.GET.get("multiple"):
            return super().get_chosen_response(item)
        picked = [pk for pk in self.request.POST.getlist(PICKED_PARAM) if pk.isdigit()]
        items = list(self.model_class.objects.filter(pk__in=picked).exclude(pk=item.pk))
        items.sort(key=lambda other: picked.index(str(other.pk)))
        return self.get_multiple_chosen_response([*items, item])


class CanonicalChoicesMixin:
    """For the choose and results views of a translatable snippet's chooser
    (speakers, resources): offer the records links point at, those of the
    default locale, never a translation (recap.core.translations). No locale
    filter or column: every choice is in the one locale. A search that finds
    nothing says what was looked for ("Sorry, no speakers match"), not
    Wagtail's "no snippets"."""

    i18n_enabled = False
    results_template_name = "recap_core/admin/chooser_results.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["snippet_type_name_plural"] = self.model._meta.verbose_name_plural
        return context

    def get_object_list(self):
        from ..translations import canonical

        return canonical(super().get_object_list())


class CanonicalChooseView(CanonicalChoicesMixin, ChooseView):
    pass


class CanonicalChooseResultsView(CanonicalChoicesMixin, ChooseResultsView):
    pass
