"""Admin views for write-ups: "Start a write-up" on an event, the draft
write-ups on the admin dashboard's "Conference" panel, and the note about an
earlier draft when a new write-up had to take another slug."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Page

from recap.core.sections import Section
from recap.events.models import EventPage

from ..blocks import QUESTIONS_INSTALLED
from ..models import WriteUpPage
from ..starting import (
    covered_sessions,
    existing_drafts,
    questions_of,
    resources_of,
    start_writeup,
    writeup_index_for,
)


def start_writeup_button(page, user, priority):
    """ "Start a write-up" on an event (header and listing "..." menu). Only
    the page's class is looked at here (no query, which matters in listings);
    the view checks that the user may add a write-up."""
    if not issubclass(page.specific_class or Page, EventPage):
        return []
    return [
        Button(
            gettext_lazy("Start a write-up"),
            reverse("recap_writeups_start", args=[page.pk]),
            icon_name="doc-full",
            priority=priority,
        )
    ]


def start_writeup_view(request, event_id):
    """GET: what the draft will hold, and the drafts that already cover the
    event. POST: create the draft and open its editor; while a draft exists,
    only a POST that says "another" makes a second one."""
    event = get_object_or_404(EventPage, pk=event_id)
    if not event.permissions_for_user(request.user).can_edit() and not event.live:
        raise PermissionDenied
    index = writeup_index_for(event)
    if index is not None and not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    drafts = existing_drafts(event)
    if (
        request.method == "POST"
        and index is not None
        and (not drafts or request.POST.get("another"))
    ):
        page = start_writeup(event, request.user, index=index)
        messages.success(
            request,
            _("Draft write-up “%(title)s” started from “%(event)s”.")
            % {"title": page.title, "event": event.title},
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    sessions = covered_sessions(event)
    return TemplateResponse(
        request,
        "recap_writeups/admin/start_writeup.html",
        {
            "event": event,
            "index": index,
            "drafts": drafts,
            "session_count": len(sessions),
            "resource_count": len(resources_of(event, sessions)),
            "question_count": len(questions_of(sessions)),
            "questions_installed": QUESTIONS_INSTALLED,
        },
    )


class DraftWriteUpsSection(Section):
    template_name = "recap_writeups/admin/dashboard_drafts.html"
    order = 30

    def get_context(self, request, user):
        return {
            "drafts": list(
                Page.objects.type(WriteUpPage)
                .filter(has_unpublished_changes=True)
                .order_by("-latest_revision_created_at")[:5]
            )
        }


def tell_about_earlier_draft(request, page):
    """After a write-up was created next to an unpublished draft that held
    its slug (see forms.WriteUpPageForm), offer that draft to the editor."""
    draft = getattr(page, "recap_earlier_draft", None)
    if draft is None:
        return
    messages.warning(
        request,
        _(
            "There is already a draft “%(title)s” at the address you chose, so this "
            "write-up's address is “%(slug)s”. Finish or delete the draft if it is abandoned."
        )
        % {"title": draft.title, "slug": page.slug},
        buttons=[
            messages.button(
                reverse("wagtailadmin_pages:edit", args=[draft.pk]), _("Edit the draft")
            )
        ],
    )
