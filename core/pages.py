"""Which pages the public may see: live, and outside every private section
(a page with a view restriction, password or login or groups, hides itself
and everything under it).

Wagtail's `PageQuerySet.public()` does this for a queryset of pages; these
helpers do the same for pages reached through a relation (`link.page`,
`question.answered_in`), where `.public()` is not available.
"""

from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from wagtail.models import PageViewRestriction


def private_section_paths():
    """Tree paths of the pages that carry a view restriction (one query)."""
    return list(PageViewRestriction.objects.values_list("page__path", flat=True))


def private_q(prefix="", paths=None):
    """A Q matching pages (through `prefix`, e.g. "page__") in a private section."""
    paths = private_section_paths() if paths is None else paths
    if not paths:
        return Q(**{f"{prefix}pk__in": []})
    q = Q()
    for path in paths:
        q |= Q(**{f"{prefix}path__startswith": path})
    return q


def public_q(prefix=""):
    """A Q matching live pages (through `prefix`) outside every private section."""
    return Q(**{f"{prefix}live": True}) & ~private_q(prefix)


def is_public(page, paths):
    """Whether `page` is live and outside the private sections at `paths`."""
    return page.live and not any(page.path.startswith(path) for path in paths)


def public_page_q(prefix=""):
    """`public_q` in SQL alone: a Q matching live pages (through `prefix`)
    that no view restriction covers, on themselves or an ancestor, as a
    NOT EXISTS subquery. What `PageQuerySet.public().live()` selects, without
    its query of the restrictions beforehand, so a list costs no extra query
    however many filters and prefetches apply it (tests/test_privacy.py
    checks it against Wagtail's `not_public()`).

    Across a relation with many rows per object (a speaker's links to
    pages), use it in a subquery, ``<links>__page__in=<PageModel>.objects
    .filter(public_page_q())``: a negated lookup across such a relation
    would leave out an object with any private page at all."""
    restricted = PageViewRestriction.objects.filter(
        StartsWith(OuterRef(f"{prefix}path"), F("page__path"))
    )
    return Q(**{f"{prefix}live": True}) & ~Exists(restricted)
