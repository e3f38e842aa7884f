"""Parents of pages, in one query: the page tree's path join written once.

A Wagtail page's parent is the page whose ``path`` is the child's path minus
its last step (``Page.steplen`` characters). Lists that show many pages with
their parent (sessions with their event) use this instead of ``get_parent()``
per page, so they cost one query however long they are.
"""

from treebeard.exceptions import PathOverflow
from treebeard.numconv import NumConv
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


def new_child_paths(parent, count):
    """The tree paths of `count` new children of `parent`, after its last
    child: the paths treebeard's ``add_child`` would give them one by one,
    for code that inserts many pages at once. Built from treebeard's
    documented ``alphabet`` and ``steplen`` and its public ``NumConv``."""
    convert = NumConv(Page.alphabet)
    steplen, zero = Page.steplen, Page.alphabet[0]
    last = parent.get_last_child()
    position = convert.str2int(last.path[-steplen:]) if last else 0
    paths = []
    for number in range(position + 1, position + count + 1):
        step = convert.int2str(number)
        if len(step) > steplen:
            raise PathOverflow(f"No room for {count} more children under {parent.path}")
        paths.append(f"{parent.path}{zero * (steplen - len(step))}{step}")
    return paths
