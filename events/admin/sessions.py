"""The "Sessions" listing in the admin menu: every session of every event,
with Wagtail's page listing (search, sort, bulk actions, export) and
filters for what an editor chases after an event: which event, and which
sessions have a recording. Apps above add their own filters to the filter
set; the top app registers the listing (recap/discover/wagtail_hooks.py)."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.pages import PageListingViewSet

from ..models import EventPage, SessionPage


class EventFilter(django_filters.ModelChoiceFilter):
    """Sessions of one event (its children in the page tree)."""

    def filter(self, queryset, value):
        if not value:
            return queryset
        return queryset.child_of(value)


class SessionFilterSet(PageListingViewSet.filterset_class):
    event = EventFilter(
        label=pgettext_lazy("conference", "Event"),
        queryset=lambda request: EventPage.objects.order_by("-start"),
        empty_label=_("Any"),
    )
    has_recording = django_filters.ChoiceFilter(
        label=_("Has a recording"),
        empty_label=_("Any"),
        choices=[("true", _("Yes")), ("false", _("No"))],
        widget=forms.RadioSelect,
        method="filter_has_recording",
    )

    class Meta:
        model = SessionPage
        fields = []

    def filter_has_recording(self, queryset, name, value):
        if value == "true":
            return queryset.exclude(recording_url="")
        if value == "false":
            return queryset.filter(recording_url="")
        return queryset


class SessionListingViewSet(PageListingViewSet):
    model = SessionPage
    icon = "date"
    menu_label = pgettext_lazy("conference", "Sessions")
    menu_order = 251
    url_prefix = "recap/sessions"
    add_to_admin_menu = True
    filterset_class = SessionFilterSet
    columns = [
        *PageListingViewSet.columns,
        Column("start", label=_("Starts"), sort_key="start"),
    ]
