"""The "Recap library" admin menu: speakers, resources and topics as
snippets, each with listing columns, filters, search and an inspect view
(Speaker and Resource also have revisions and previews from their mixins)."""

from wagtail.admin.ui.tables import UpdatedAtColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from recap.speakers.wagtail_hooks import SpeakerViewSet

from .models import Resource, Topic


class ResourceViewSet(SnippetViewSet):
    model = Resource
    icon = "link"
    menu_label = "Resources"
    list_display = ["title", "kind", "publisher", "published_on", UpdatedAtColumn()]
    list_filter = ["kind", "published_on"]
    search_fields = ["title", "publisher", "author", "note"]
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
    menu_label = "Topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class RecapLibraryGroup(SnippetViewSetGroup):
    menu_label = "Recap library"
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (SpeakerViewSet, ResourceViewSet, TopicViewSet)


register_snippet(RecapLibraryGroup)
