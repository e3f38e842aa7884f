"""Parents of pages, in one query: the page tree's path join written once.

A Wagtail page's parent is the page whose ``path`` is the child's path minus
its last step (``Page.steplen`` characters). Lists that show many pages with
their parent (sessions with their event) use this instead of ``get_parent()``
per page, so they cost one query however long they are.
"""

from wagtail.models import Page


def parent_path(page_or_path):
    """The tree path of the parent of a page (or of a path)."""
    path = getattr(page_or_path, "path", page_or_path)
    return path[: -Page.steplen]


def attach_parents(pages, parents, attribute):
    """Set ``page.<attribute>`` on each of `pages` to its parent, picked from
    the `parents` queryset (one query; ``live()``, ``public()`` or a model's
    own manager narrow it). Pages whose parent is not in `parents` get None.
    The attribute is set with ``setattr``: a plain attribute, or a property
    with a setter (``SessionPage.event``). Returns `pages` as a list."""
    pages = list(pages)
    paths = {parent_path(page) for page in pages}
    found = {parent.path: parent for parent in parents.filter(path__in=paths)} if paths else {}
    for page in pages:
        setattr(page, attribute, found.get(parent_path(page)))
    return pages


class ParentPage:
    """A page's parent page as an attribute (``session.event``): its specific
    page, fetched on first use, unless whoever loaded the page set it already
    (`attach_parents`, a parent's routing handing itself to its child), which
    saves the query. Setting None means "no parent to show" (e.g. not live)."""

    def __set_name__(self, owner, name):
        self.name = name
        self.storage = f"_recap_parent_{name}"

    def __get__(self, page, owner=None):
        if page is None:
            return self
        try:
            return getattr(page, self.storage)
        except AttributeError:
            parent = page.get_parent()
            setattr(page, self.storage, parent.specific if parent else None)
            return getattr(page, self.storage)

    def __set__(self, page, parent):
        setattr(page, self.storage, parent)
