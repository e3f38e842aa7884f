"""Admin views for events: the event's sessions as a programme grid, the
programme checks of every event (Reports menu), importing a
programme from an .ics file, and the upcoming events on the admin
dashboard's "Conference" panel.

The flow: "Import .ics" on an event (or on the event index) -> upload ->
preview of what will be created, updated and skipped, and why -> confirm.
Between preview and confirm the file waits in the default storage under a
random name, and the confirm form carries a signed token naming it (with the
page and the user), so nothing is lost and nobody else's file can be used.
The import is planned again on confirmation (the site may have changed),
then written in one transaction.
"""

import datetime as dt
import uuid

from django import forms
from django.contrib import messages
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import F, Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button, ListingButton
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from recap.core.sections import Section

from ..importing import (
    ImportRefused,
    apply_import,
    plan_import,
    preview_row,
)
from ..models import EventIndexPage, EventPage, SessionPage, SessionSpeaker
from .forms import ImportUploadForm
from .programme_checks import check_event, events_with_warnings, upcoming_events_with_warnings
from .programme_grid import programme_grid, warning_labels

UPLOAD_DIR = "recap_ics_imports"
PREVIEW_SALT = "recap.ics-import"
PREVIEW_MAX_AGE = 60 * 60 * 24  # a day to confirm a preview
STALE_AFTER = dt.timedelta(days=1)
page_permission_policy = PagePermissionPolicy()


def _import_target(request, page_id):
    """The event or event index to import into, if the user may add to it."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not isinstance(page, EventPage | EventIndexPage):
        raise PermissionDenied
    if not page.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return page


def _plan(page, data, filename, zone_name):
    event = page if isinstance(page, EventPage) else None
    return plan_import(data, filename, event=event, zone_name=zone_name or None)


def _remove_stale_uploads():
    """Previews never confirmed leave files behind; clear those over a day old."""
    try:
        _, names = default_storage.listdir(UPLOAD_DIR)
    except (FileNotFoundError, NotImplementedError):
        return
    cutoff = timezone.now() - STALE_AFTER
    for name in names:
        stored = f"{UPLOAD_DIR}/{name}"
        try:
            if default_storage.get_modified_time(stored) < cutoff:
                default_storage.delete(stored)
        except (FileNotFoundError, NotImplementedError):
            continue


def import_upload_view(request, page_id):
    """Upload a file and see what importing it would do."""
    page = _import_target(request, page_id)
    form = _upload_form(page, request.POST or None, request.FILES or None)
    context = {
        "page": page,
        "form": form,
        "refusal": "",
        "is_index": isinstance(page, EventIndexPage),
    }
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        data = upload.read()
        zone_name = form.cleaned_data.get("time_zone", "")
        try:
            plan = _plan(page, data, upload.name, zone_name)
        except ImportRefused as exc:
            context["refusal"] = str(exc)
        else:
            _remove_stale_uploads()
            stored = default_storage.save(f"{UPLOAD_DIR}/{uuid.uuid4().hex}.ics", ContentFile(data))
            token = signing.dumps(
                {
                    "stored": stored,
                    "page": page.pk,
                    "user": request.user.pk,
                    "filename": upload.name,
                    "zone": zone_name,
                },
                salt=PREVIEW_SALT,
            )
            return TemplateResponse(
                request,
                "recap_events/admin/import_preview.html",
                _preview_context(request, page, plan, token),
            )
    return TemplateResponse(request, "recap_events/admin/import_upload.html", context)


def _upload_form(page, *args):
    """The upload form; on an existing event, without the new event's zone
    (the event has its own)."""
    return ImportUploadForm(*args, new_event=isinstance(page, EventIndexPage))


def _preview_context(request, page, plan, token):
    return {
        "page": page,
        "plan": plan,
        "token": token,
        "created": [preview_row(item, plan.zone) for item in plan.created],
        "updated": [preview_row(item, plan.zone) for item in plan.updated],
        "skipped": [preview_row(item, plan.zone) for item in plan.skipped],
        "widen_to": [timezone.localtime(value, plan.zone) for value in plan.widen_to or ()],
        "can_publish": page.permissions_for_user(request.user).can_publish_subpage(),
    }


@require_POST
def import_confirm_view(request, page_id):
    """Import the previewed file, in one transaction, then show the event."""
    page = _import_target(request, page_id)
    try:
        ticket = signing.loads(
            request.POST.get("token", ""), salt=PREVIEW_SALT, max_age=PREVIEW_MAX_AGE
        )
    except signing.BadSignature:
        messages.error(
            request, gettext("That preview has expired or is not valid; upload the file again.")
        )
        return redirect("recap_events_import_ics", page_id=page.pk)
    if ticket["page"] != page.pk or ticket["user"] != request.user.pk:
        raise PermissionDenied
    stored = ticket["stored"]
    if not default_storage.exists(stored):
        messages.error(
            request, gettext("The uploaded file is no longer available; upload it again.")
        )
        return redirect("recap_events_import_ics", page_id=page.pk)
    with default_storage.open(stored, "rb") as handle:
        data = handle.read()
    # An editor who may publish chooses; one who may not always gets drafts,
    # submitted to moderation as the page editor does.
    can_publish = page.permissions_for_user(request.user).can_publish_subpage()
    publish = can_publish and not request.POST.get("draft")
    index_page = page if isinstance(page, EventIndexPage) else None
    try:
        plan = _plan(page, data, ticket["filename"], ticket["zone"])
        result = apply_import(
            plan,
            index_page=index_page,
            publish=publish,
            user=request.user,
            submit=not can_publish,
        )
    except ImportRefused as exc:
        form = _upload_form(page)
        return TemplateResponse(
            request,
            "recap_events/admin/import_upload.html",
            {
                "page": page,
                "form": form,
                "refusal": gettext("Nothing was imported: %(reason)s") % {"reason": exc},
                "is_index": index_page is not None,
            },
        )
    default_storage.delete(stored)
    if publish:
        message = gettext(
            "Imported into “%(title)s” (published): %(created)s created, %(updated)s updated, "
            "%(skipped)s skipped or unchanged."
        )
    elif result.submitted:
        message = gettext(
            "Imported into “%(title)s” (saved as drafts and submitted to moderation): "
            "%(created)s created, %(updated)s updated, %(skipped)s skipped or unchanged."
        )
    else:
        message = gettext(
            "Imported into “%(title)s” (saved as drafts): %(created)s created, "
            "%(updated)s updated, %(skipped)s skipped or unchanged."
        )
    counts = {"created": result.created, "updated": result.updated, "skipped": result.skipped}
    messages.success(request, message % {"title": result.event.title, **counts})
    return redirect("wagtailadmin_explore", result.event.pk)


def _is(page, *classes):
    # specific_class needs no query, which matters in page listings.
    return issubclass(page.specific_class or Page, classes)


def import_button(page, user, priority, button_class=Button):
    if not _is(page, EventPage, EventIndexPage):
        return []
    if not page.permissions_for_user(user).can_add_subpage():
        return []
    return [
        button_class(
            _("Import .ics"),
            reverse("recap_events_import_ics", args=[page.pk]),
            icon_name="calendar",
            priority=priority,
        )
    ]


def programme_button(page, user, priority, button_class=Button):
    if not _is(page, EventPage) or not page.permissions_for_user(user).can_edit():
        return []
    return [
        button_class(
            _("Programme"),
            reverse("recap_events_programme", args=[page.pk]),
            icon_name="table",
            priority=priority,
        )
    ]


def listing_buttons(page, user):
    """Visible buttons on an event's (or event index's) row in the page
    listing, not only in its "..." menu."""
    return programme_button(page, user, 15, ListingButton) + import_button(
        page, user, 16, ListingButton
    )


def programme_view(request, page_id):
    """The event's sessions, published or not, as a grid by day, time and
    room in the event's zone (a list on narrow screens), each linking to its
    editor and marked with what the programme checks say about it."""
    event = get_object_or_404(EventPage, pk=page_id)
    permissions = event.permissions_for_user(request.user)
    if not permissions.can_edit():
        raise PermissionDenied
    sessions = (
        SessionPage.objects.child_of(event)
        .select_related("room")
        .prefetch_related(
            Prefetch(
                "speaker_links",
                queryset=SessionSpeaker.objects.select_related("speaker").order_by("sort_order"),
            )
        )
        .order_by("start", F("room__sort_order").asc(nulls_first=True), "path")
    )
    rooms = list(event.rooms.all())
    warnings = check_event(event)
    can_add = permissions.can_add_subpage()
    return TemplateResponse(
        request,
        "recap_events/admin/programme.html",
        {
            "event": event,
            "days": programme_grid(event, sessions, rooms, warning_labels(warnings)),
            "rooms": rooms,
            "warning_count": len(warnings),
            "add_url": reverse(
                "wagtailadmin_pages:add", args=["recap_events", "sessionpage", event.pk]
            )
            if can_add
            else "",
            "import_url": reverse("recap_events_import_ics", args=[event.pk]) if can_add else "",
        },
    )


class ProgrammeChecksFilter(forms.Form):
    past = forms.BooleanField(label=_("Include past events"), required=False)


def programme_checks_view(request):
    """ "Programme checks" (Reports menu): the warnings of every event the user
    may edit, upcoming and running ones; past ones too when asked."""
    if not user_may_check_programmes(request.user):
        raise PermissionDenied
    form = ProgrammeChecksFilter(request.GET or None)
    include_past = form.is_valid() and form.cleaned_data["past"]
    editable = page_permission_policy.instances_user_has_permission_for(request.user, "change")
    events = EventPage.objects.filter(pk__in=editable.values("pk"))
    return TemplateResponse(
        request,
        "recap_events/admin/programme_checks_report.html",
        {
            "form": form,
            "include_past": include_past,
            "checked_events": events_with_warnings(events, timezone.now(), include_past),
        },
    )


def user_may_check_programmes(user):
    return page_permission_policy.user_has_permission(user, "change")


class ProgrammeChecksMenuItem(MenuItem):
    def is_shown(self, request):
        return user_may_check_programmes(request.user)


def programme_checks_menu_item():
    return ProgrammeChecksMenuItem(
        _("Programme checks"),
        reverse("recap_events_programme_checks"),
        name="recap-programme-checks",
        icon_name="warning",
        order=1010,
    )


class UpcomingEventsSection(Section):
    """The next events, on the admin dashboard's "Conference" panel."""

    template_name = "recap_events/admin/dashboard/upcoming_events.html"
    order = 10

    def get_context(self, request, user):
        now = timezone.now()
        return {
            "upcoming_events": list(EventPage.objects.filter(end__gte=now).order_by("start")[:5])
        }


class ProgrammeChecksSection(Section):
    """Upcoming events whose programme has warnings, on the admin dashboard's
    "Conference" panel, each warning naming its sessions (fixed queries)."""

    template_name = "recap_events/admin/dashboard/programme_checks.html"
    order = 15

    def get_context(self, request, user):
        checked = upcoming_events_with_warnings(timezone.now())
        return {"checked_events": checked} if checked else None
