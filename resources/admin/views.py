"""Admin views for resources and topics: snippets in the "Recap library"
menu group, each with listing columns, filters, search and an inspect view
(Resource also has revisions and previews from its mixins)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.views.chooser import SnippetChooserViewSet
from wagtail.snippets.views.snippets import SnippetViewSet

from recap.core.admin.choosers import (
    CanonicalChooseResultsView,
    CanonicalChooseView,
    KeepPicksCreateView,
)
from recap.core.admin.menu import LIBRARY_MENU_HOOK

from ..models import Resource, Topic
from .forms import resource_creation_form_class


class ResourceChooserViewSet(SnippetChooserViewSet):
    """The resource chooser offers resources, never a translation
    (``recap.core.translations``), and has a "Create" tab: a link not yet in
    the library is added without leaving the page (``admin/forms.py``), in
    the default locale; picks made before creating are kept
    (``recap.core.admin.choosers``)."""

    choose_view_class = CanonicalChooseView
    choose_results_view_class = CanonicalChooseResultsView
    create_view_class = KeepPicksCreateView
    creation_form_class = resource_creation_form_class()


class ResourceViewSet(SnippetViewSet):
    model = Resource
    chooser_viewset_class = ResourceChooserViewSet
    icon = "link"
    menu_label = _("Resources")
    menu_hook = LIBRARY_MENU_HOOK
    menu_order = 20
    # Wagtail's own label is translated once, at import, in English: a lazy one
    # follows the editor's admin language.
    list_display = [
        "title",
        "kind",
        "publisher",
        "published_on",
        UpdatedAtColumn(label=_("Updated")),
    ]
    list_filter = ["kind", "published_on"]
    search_fields = ["title", "publisher", "author", "note"]
    # Searched by the ORM, as speakers are (see SpeakerViewSet): named fields
    # fail on SQLite's full-text table.
    search_backend_name = None
    inspect_view_enabled = True
    inspect_view_fields = [
        "title",
        "kind",
        "url",
        "document",
        "image",
        "embed_url",
        "publisher",
        "author",
        "published_on",
        "note",
        "link_checked_at",
        "link_status",
    ]


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    menu_hook = LIBRARY_MENU_HOOK
    menu_order = 30
    list_display = ["name", "slug"]
    search_fields = ["name"]
    # Searched by the ORM, as speakers are (see SpeakerViewSet); the site
    # search finds topics through the index.
    search_backend_name = None
    ordering = ["name"]
