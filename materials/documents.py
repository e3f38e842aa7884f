"""Where a speaker's uploaded slides wait until an editor approves them.

An upload is stored as a Wagtail document in a collection of its own,
"Speaker uploads awaiting approval", under the root collection, with a
Wagtail collection view restriction: only the groups that manage documents
(on a new site, Editors and Moderators) and superusers can open its files,
through Wagtail's document serve view, which checks the restriction.
Approving moves the document to the root collection, where documents are
public; a rejected upload stays private.

The restriction only holds while documents are served through that view
(Wagtail's default): a site with ``WAGTAILDOCS_SERVE_METHOD = "direct"``,
or whose web server serves ``MEDIA_ROOT/documents/`` itself, would hand out
the file to anyone with its address (the system check below warns of the
first; docs/speaker-links.md says how to deny the second).
"""

from django.conf import settings
from django.core import checks
from wagtail.models import (
    BaseViewRestriction,
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
)

PENDING_COLLECTION = "Speaker uploads awaiting approval"


def _document_groups(root):
    """The groups that manage documents in the root collection."""
    return {
        permission.group
        for permission in GroupCollectionPermission.objects.filter(
            collection=root, permission__content_type__app_label="wagtaildocs"
        ).select_related("group")
    }


def pending_collection():
    """The private collection uploads wait in, made (restricted) if missing.

    If its restriction was removed, it is put back: what waits for approval
    is never public."""
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=PENDING_COLLECTION).first()
    if collection is None:
        collection = root.add_child(name=PENDING_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=collection).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=collection, restriction_type=BaseViewRestriction.GROUPS
        )
        restriction.groups.set(_document_groups(root))
    return collection


def publish_document(document):
    """An approved upload: moved to the root collection, where it is public."""
    root = Collection.get_first_root_node()
    if document.collection_id != root.pk:
        document.collection = root
        document.save(update_fields=["collection"])


@checks.register(checks.Tags.security)
def check_documents_are_served_through_wagtail(app_configs, **kwargs):
    if getattr(settings, "WAGTAILDOCS_SERVE_METHOD", None) == "direct":
        return [
            checks.Warning(
                "Speakers' uploads awaiting approval are public: "
                'WAGTAILDOCS_SERVE_METHOD = "direct" links to the files themselves, '
                "so Wagtail's collection view restrictions are not checked.",
                hint='Leave WAGTAILDOCS_SERVE_METHOD unset or set it to "serve_view".',
                id="recap_materials.W001",
            )
        ]
    return []
