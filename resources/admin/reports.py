"""The "Broken resource links" report (Reports menu) and its count on the
admin dashboard's "Conference" panel.

`manage.py check_resource_links` stores each resource's answer
(`link_status`, `link_checked_at`); this report lists the resources whose
link was checked and is broken (no answer, or HTTP 400 and over), newest
check first, with the pages that use each one. "Used on" comes from
Wagtail's reference index, which knows the pages that link a resource from
any app (event, session and write-up resource lists, resource cards in a
write-up's body) without this app reaching up to them (dependency arrows).
A page the index has not seen yet (the index is built on save, or by
`manage.py rebuild_references_index`) is not listed.

The report says when links were last checked (or that they never were),
and offers "Check links now" to those who may change resources: a POST
that checks, in the request, the links checked longest ago (never-checked
first) for at most `RECAP_LINK_CHECK_SECONDS` (15 by default, each link
waiting at most 5 s), so it ends well inside a worker's timeout; what is
left is checked by the next press or by `manage.py check_resource_links`.
Two people pressing at once only check some links twice: each check
writes its own row."""

import datetime as dt

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, Max, Q
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView
from wagtail.models import Page, ReferenceIndex
from wagtail.permission_policies import ModelPermissionPolicy

from recap.core.sections import Section
from recap.core.translations import canonical

from ..links import check_links, is_broken
from ..models import Resource

PERMISSIONS = ["add", "change", "delete"]
permission_policy = ModelPermissionPolicy(Resource)


def broken_resources():
    """Resources whose link was checked and did not answer, or answered an error."""
    return canonical(Resource.objects.filter(link_checked_at__isnull=False)).filter(
        Q(link_status__isnull=True) | Q(link_status__gte=400)
    )


def checkable_resources():
    """The resources a check looks at (a translation shares its resource's
    link), the ones checked longest ago first."""
    return canonical(Resource.objects.exclude(url="")).order_by(
        F("link_checked_at").asc(nulls_first=True), "pk"
    )


def last_checked():
    """When a link was last checked, or None when no check ever ran."""
    return canonical(Resource.objects.all()).aggregate(last=Max("link_checked_at"))["last"]


LINK_TIMEOUT = 5  # seconds a link may take to answer, when checked from the admin


@require_POST
def check_links_view(request):
    """Check links now, within a bounded time (see the module's docstring)."""
    if not permission_policy.user_has_permission(request.user, "change"):
        raise PermissionDenied
    budget = getattr(settings, "RECAP_LINK_CHECK_SECONDS", 15)
    resources = list(checkable_resources())
    checked = check_links(resources, timeout=LINK_TIMEOUT, budget=budget)
    broken = sum(1 for _resource, status in checked if is_broken(status))
    message = ngettext(
        "Checked %(checked)s link: %(broken)s broken.",
        "Checked %(checked)s links: %(broken)s broken.",
        len(checked),
    ) % {"checked": len(checked), "broken": broken}
    left = len(resources) - len(checked)
    if left:
        message += " " + ngettext(
            "%(left)s link was left for the next check (each check stops after %(seconds)s "
            "seconds).",
            "%(left)s links were left for the next check (each check stops after %(seconds)s "
            "seconds).",
            left,
        ) % {"left": left, "seconds": budget}
    messages.success(request, message)
    return redirect("recap_resources_broken_links")


def status_label(status):
    return f"HTTP {status}" if status else _("No answer")


def pages_using(resources):
    """{resource pk: [pages that use it]} from the reference index (one
    query for the references, one for the pages)."""
    if not resources:
        return {}
    page_type = ContentType.objects.get_for_model(Page)
    rows = set(
        ReferenceIndex.get_references_to_in_bulk(resources)
        .filter(base_content_type=page_type)
        .values_list("to_object_id", "object_id")
    )
    pages = Page.objects.in_bulk({int(page_id) for _, page_id in rows})
    used = {}
    for resource_id, page_id in sorted(rows):
        page = pages.get(int(page_id))
        if page is not None:
            used.setdefault(int(resource_id), []).append(page)
    for found in used.values():
        found.sort(key=lambda page: page.title.lower())
    return used


class UsedOnColumn(Column):
    cell_template_name = "recap_resources/admin/used_on_cell.html"


class BrokenResourceLinksView(ReportView):
    page_title = _("Broken resource links")
    header_icon = "link"
    template_name = "recap_resources/admin/broken_links.html"
    index_url_name = "recap_resources_broken_links"
    index_results_url_name = "recap_resources_broken_links_results"
    model = Resource
    permission_policy = permission_policy
    any_permission_required = PERMISSIONS
    columns = [
        TitleColumn(
            "title",
            label=_("Resource"),
            url_name="wagtailsnippets_recap_resources_resource:edit",
        ),
        Column("url", label=_("Link")),
        Column("status_label", label=_("Status")),
        DateColumn("link_checked_at", label=_("Last checked")),
        UsedOnColumn("used_on", label=_("Used on")),
    ]
    list_export = ["title", "url", "link_status", "link_checked_at"]
    export_headings = {
        "title": _("Resource"),
        "url": _("Link"),
        "link_status": _("HTTP status"),
        "link_checked_at": _("Last checked"),
    }

    def get_filename(self):
        return f"broken-resource-links-{dt.date.today():%Y-%m-%d}"

    def get_queryset(self):
        return broken_resources().order_by("-link_checked_at", "title")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["last_checked"] = last_checked()
        context["can_check_links"] = permission_policy.user_has_permission(
            self.request.user, "change"
        )
        return context

    def decorate_paginated_queryset(self, object_list):
        resources = list(object_list)
        used = pages_using(resources)
        for resource in resources:
            resource.status_label = status_label(resource.link_status)
            resource.used_on = used.get(resource.pk, [])
        return resources


class BrokenResourceLinksMenuItem(MenuItem):
    def is_shown(self, request):
        return permission_policy.user_has_any_permission(request.user, PERMISSIONS)


def broken_links_menu_item():
    return BrokenResourceLinksMenuItem(
        _("Broken resource links"),
        reverse("recap_resources_broken_links"),
        name="recap-broken-resource-links",
        icon_name="link",
        order=1000,
    )


class BrokenLinksSection(Section):
    """The number of broken resource links, on the dashboard's "Conference"
    panel, with a link to the report (for those who may see it)."""

    template_name = "recap_resources/admin/dashboard_broken_links.html"
    order = 40

    def get_context(self, request, user):
        if not permission_policy.user_has_any_permission(user, PERMISSIONS):
            return None
        return {"broken_link_count": broken_resources().count()}
