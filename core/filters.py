"""Filters of a public list (the speaker directory, the resource library)
that apps above the list's own app can add through a hook, like sections
(see ``recap.core.sections``): the list's app never queries their models.

Each filter is one ``<select>`` of the list's filter form (rendered by
``recap_core/includes/filter_fields.html``) and one query parameter.
"""

from dataclasses import dataclass
from typing import Any

from . import params
from .sections import registered


class ListFilter:
    #: The query parameter, and the <select>'s name.
    name = ""
    label = ""
    #: The first option, which clears the filter ("Any topic").
    any_label = ""
    #: Filters show in ascending order.
    order = 100

    def choices(self):
        """[(value, label)] for the <select>: one query at most."""
        return []

    def clean(self, raw):
        """The selected thing for the raw parameter (a string, already
        stripped), or None when nothing valid is selected."""
        return raw or None

    def value(self, selected):
        """The option value that matches `selected` (to mark it chosen)."""
        return selected

    def apply(self, queryset, selected):
        """Narrow the list's queryset to `selected`."""
        return queryset

    def describe(self, selected):
        """A phrase for the list's status line ("from Fabrikam"), or ""."""
        return ""


@dataclass
class ActiveFilter:
    filter: ListFilter
    selected: Any

    @property
    def name(self):
        return self.filter.name

    @property
    def label(self):
        return self.filter.label

    @property
    def any_label(self):
        return self.filter.any_label

    @property
    def value(self):
        return self.filter.value(self.selected) if self.selected is not None else ""

    @property
    def choices(self):
        return self.filter.choices()

    @property
    def description(self):
        return self.filter.describe(self.selected) if self.selected is not None else ""


def read_filters(request, own_filters, hook_name):
    """The list's own filters plus those registered under `hook_name`, in
    order, each with what the request selected."""
    filters = sorted([*own_filters, *registered(hook_name)], key=lambda f: f.order)
    active = []
    for each in filters:
        raw = params.text(request.GET.get(each.name, ""))
        active.append(ActiveFilter(each, each.clean(raw) if raw else None))
    return active


def apply_filters(queryset, active):
    for each in active:
        if each.selected is not None:
            queryset = each.filter.apply(queryset, each.selected)
    return queryset
