"""Extension points: how an app fills part of a page owned by an app below it.

Recap's apps depend one way (core < speakers < resources < events <
questions < writeups). A page of a lower app that also shows what a higher
app holds (a session page with its delegate questions and write-ups, a
speaker page with their sessions) does not reach up: it asks Wagtail's hook
registry for *sections*, and the higher apps register them. A host site can
register its own sections the same way.

A hook registered under a page's hook name (see the README, "Extension
points") returns a :class:`Section` (or a list of them)::

    from wagtail import hooks
    from recap.core.sections import Section

    class SponsorsSection(Section):
        template_name = "myapp/session_sponsors.html"
        order = 60

        def get_context(self, request, obj):
            return {"sponsors": list(Sponsor.objects.filter(session=obj))}

    @hooks.register("recap_session_page_sections")
    def sponsors_section():
        return SponsorsSection()

The page's view builds every section once (``build_sections``), so each
section costs the fixed number of queries its ``get_context`` makes, and the
template renders them where the page offers a slot
(``{% render_sections sections "main" %}``).
"""

from dataclasses import dataclass
from functools import cached_property

from wagtail import hooks


class Section:
    """A part of a page contributed through a hook."""

    #: The template that renders the section. It sees the page's context
    #: plus what ``get_context`` returns.
    template_name = ""
    #: Where on the page it goes: each page documents its slots; every page
    #: has "main" and most have "head" (inside <head>).
    slot = "main"
    #: Sections in one slot render in ascending order.
    order = 100

    def get_context(self, request, obj):
        """What the template needs, as a dict, or None to leave the section
        out (e.g. nothing to show). Make a fixed number of queries."""
        return {}

    def item_list_entries(self, request, data):
        """(name, url) pairs this section adds to a page's schema.org
        ItemList (the topic page uses them)."""
        return []


@dataclass
class BuiltSection:
    section: Section
    data: dict

    @property
    def slot(self):
        return self.section.slot

    @property
    def template_name(self):
        return self.section.template_name


def registered(hook_name):
    """Every object the hooks registered under `hook_name` return (a hook may
    return one object, a list of them, or None)."""
    found = []
    for hook in hooks.get_hooks(hook_name):
        result = hook()
        if result is None:
            continue
        if isinstance(result, list | tuple):
            found.extend(result)
        else:
            found.append(result)
    return sorted(found, key=lambda item: getattr(item, "order", 100))


class LazySection:
    """A section whose context is built when first rendered (see
    ``build_sections(lazy=True)``); ``data`` is None when it shows nothing."""

    def __init__(self, section, request, obj):
        self.section = section
        self._request = request
        self._obj = obj

    @cached_property
    def data(self):
        return self.section.get_context(self._request, self._obj)

    @property
    def slot(self):
        return self.section.slot

    @property
    def template_name(self):
        return self.section.template_name


def build_sections(hook_name, request, obj, lazy=False):
    """The sections registered for `hook_name`, each with its context for
    `obj`, in order; those whose ``get_context`` returns None are left out.

    With `lazy`, each context is built only when its slot is rendered, so a
    page that caches a slot (``{% wagtailcache %}`` around
    ``{% render_sections %}``) makes no query for it on a hit; sections that
    show nothing are then left out at render time."""
    if lazy:
        return [LazySection(section, request, obj) for section in registered(hook_name)]
    built = []
    for section in registered(hook_name):
        data = section.get_context(request, obj)
        if data is not None:
            built.append(BuiltSection(section, data))
    return built
