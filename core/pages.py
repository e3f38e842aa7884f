"""Which pages the public may see: live, and outside every private section
(a page with a view restriction, password or login or groups, hides itself
and everything under it).

Wagtail's `PageQuerySet.public()` does this for a queryset of pages; these
helpers do the same for pages reached through a relation (`link.page`,
`question.answered_in`), where `.public()` is not available.
"""

from django.db.models import Q


def private_section_paths():
    """Tree paths of the pages that carry a view restriction (one query)."""
    from wagtail.models import PageViewRestriction

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
