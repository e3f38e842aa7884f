"""Admin views for write-ups: "Start a write-up" on an event or a session, the draft
write-ups on the admin dashboard's "Conference" panel, and the note about an
earlier draft when a new write-up had to take another slug."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Page

from recap.core.sections import Section
from recap.events.models import EventPage, SessionPage

from ..blocks import QUESTIONS_INSTALLED
from ..models import WriteUpPage
from ..starting import (
    covered_sessions,
    existing_drafts,
    questions_of,
    resources_of,
    start_session_writeup,
    start_writeup,
    writeup_index_for,
)


def start_writeup_button(page, user, priority):
    """ "Start a write-up" on an event or a session (header and listing "..."
    menu). Only the page's class is looked at here (no query, which matters
    in listings); the view checks that the user may add a write-up."""
    page_class = page.specific_class or Page
    if issubclass(page_class, EventPage):
        url = reverse("recap_writeups_start", args=[page.pk])
    elif issubclass(page_class, SessionPage):
        url = reverse("recap_writeups_start_session", args=[page.pk])
    else:
        return []
    return [
        Button(
            gettext_lazy("Start a write-up"),
            url,
            icon_name="doc-full",
            priority=priority,
        )
    ]


class SessionsForm(forms.Form):
    """The sessions of an event a new write-up covers: none ticked to begin
    with (a write-up is mostly about one panel or talk)."""

    sessions = forms.ModelMultipleChoiceField(
        queryset=SessionPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=gettext_lazy("Sessions the write-up covers"),
        help_text=gettext_lazy(
            "Their speakers, resources and delegate questions are filled in. "
            "None ticked: a write-up of the event alone."
        ),
    )

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = covered_sessions(event)
        field = self.fields["sessions"]
        field.queryset = SessionPage.objects.filter(pk__in=[s.pk for s in self.programme])
        zone = event.tz
        field.label_from_instance = lambda session: (
            f"{dateformat.format(timezone.localtime(session.start, zone), 'D j M H:i')} · "
            f"{session.get_admin_display_title()}"
        )

    def chosen(self):
        """The ticked sessions, in programme order."""
        ticked = {session.pk for session in self.cleaned_data["sessions"]}
        return [session for session in self.programme if session.pk in ticked]


def _writeup_index(request, page):
    if not page.permissions_for_user(request.user).can_edit() and not page.live:
        raise PermissionDenied
    index = writeup_index_for(page)
    if index is not None and not index.permissions_for_user(request.user).can_add_subpage():
        raise PermissionDenied
    return index


def _started(request, page, covered):
    messages.success(
        request,
        _("Draft write-up “%(title)s” started from “%(source)s”.")
        % {"title": page.title, "source": covered.title},
    )
    return redirect("wagtailadmin_pages:edit", page.pk)


def start_writeup_view(request, event_id):
    """GET: the event's sessions to tick, and the drafts that already cover
    the event. POST: create the draft and open its editor; while a draft
    exists, only a POST that says "another" makes a second one."""
    event = get_object_or_404(EventPage, pk=event_id)
    index = _writeup_index(request, event)
    drafts = existing_drafts(event)
    form = SessionsForm(request.POST if request.method == "POST" else None, event=event)
    if (
        request.method == "POST"
        and index is not None
        and (not drafts or request.POST.get("another"))
        and form.is_valid()
    ):
        page = start_writeup(event, request.user, index=index, sessions=form.chosen())
        return _started(request, page, event)
    return TemplateResponse(
        request,
        "recap_writeups/admin/start_writeup.html",
        {
            "event": event,
            "covered": event,
            "form": form,
            "index": index,
            "drafts": drafts,
            "action": reverse("recap_writeups_start", args=[event.pk]),
            "questions_installed": QUESTIONS_INSTALLED,
        },
        status=400 if form.errors else 200,
    )


def start_session_writeup_view(request, session_id):
    """ "Start a write-up" on one session: that session, its event and its
    speakers, resources and questions only."""
    session = get_object_or_404(SessionPage, pk=session_id)
    event = session.get_parent().specific
    index = _writeup_index(request, session)
    drafts = existing_drafts(session=session)
    if (
        request.method == "POST"
        and index is not None
        and (not drafts or request.POST.get("another"))
    ):
        page = start_session_writeup(session, request.user, index=index)
        return _started(request, page, session)
    return TemplateResponse(
        request,
        "recap_writeups/admin/start_writeup.html",
        {
            "event": event,
            "covered": session,
            "session": session,
            "speaker_count": session.speaker_links.count(),
            "resource_count": len(resources_of(None, [session])),
            "question_count": len(questions_of([session])),
            "index": index,
            "drafts": drafts,
            "action": reverse("recap_writeups_start_session", args=[session.pk]),
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
