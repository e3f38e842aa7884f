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
    The value lands in ``__dict__`` so it also fills a ``cached_property`` of
    that name. Returns `pages` as a list."""
    pages = list(pages)
    paths = {parent_path(page) for page in pages}
    found = {parent.path: parent for parent in parents.filter(path__in=paths)} if paths else {}
    for page in pages:
        page.__dict__[attribute] = found.get(parent_path(page))
    return pages
