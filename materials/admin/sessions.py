"""The admin's "Sessions" listing's filters (recap/events/admin/sessions.py)
with what speakers have sent: "No slides yet" and "Materials waiting for
approval", the filters "Remind speakers" works from. The top app
registers the listing with these when this app is installed."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from recap.events.admin.sessions import SessionFilterSet

from ..reminders import FILTER_CHOICES, with_material_state


class MaterialsSessionFilterSet(SessionFilterSet):
    materials = django_filters.ChoiceFilter(
        label=_("Speakers' materials"),
        empty_label=_("Any"),
        choices=FILTER_CHOICES,
        widget=forms.RadioSelect,
        method="filter_materials",
    )

    class Meta(SessionFilterSet.Meta):
        pass

    def filter_materials(self, queryset, name, value):
        return with_material_state(queryset, value)
