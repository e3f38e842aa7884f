"""Every piece of wiring for questions: the moderation queue, the capture
screen, CSV export, the question chooser, the dashboard section, and the
question parts of session and write-up pages."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail_modeladmin.options import modeladmin_register

from .admin import views as admin_views
from .admin.choosers import question_chooser_viewset
from .admin.modeladmin import DelegateQuestionAdmin
from .extensions import (
    EventAskedLinkSection,
    SessionAskLinkSection,
    SessionQuestionsSection,
    SessionRecordSection,
    WriteUpResponsesSection,
)

modeladmin_register(DelegateQuestionAdmin)


@hooks.register("recap_session_edit_tabs")
def session_questions_tab():
    """The session editor's "Questions" tab, after "Details": the session's
    question settings (`SessionQuestionSettings`), at most one row, part of
    the page's drafts and revisions. Without a row, the defaults apply."""
    settings = InlinePanel(
        "recap_question_settings",
        panels=[
            FieldPanel("questions_open"),
            FieldPanel("questions_close_at"),
            FieldPanel("questions_auto_approve"),
        ],
        min_num=0,
        max_num=1,
        heading=_("Question settings"),
        label=_("Question settings"),
        help_text=_(
            "Without settings, questions are open until the session ends, held for moderation."
        ),
    )
    return [(2, ObjectList([settings], heading=_("Questions")))]


@hooks.register("register_admin_viewset")
def register_question_chooser():
    return question_chooser_viewset


@hooks.register("register_admin_urls")
def register_question_admin_urls():
    return [
        path(
            "recap-questions/moderate/",
            admin_views.moderate_view,
            name="recap_questions_moderate",
        ),
        path(
            "recap-questions/moderate/state/",
            admin_views.queue_state_view,
            name="recap_questions_queue_state",
        ),
        path("recap-questions/export/", admin_views.export_view, name="recap_questions_export"),
        path(
            "recap-questions/capture/",
            admin_views.capture_choose_view,
            name="recap_questions_capture_choose",
        ),
        path(
            "recap-questions/capture/<int:session_id>/",
            admin_views.capture_view,
            name="recap_questions_capture",
        ),
        path(
            "recap-questions/<int:question_id>/email/",
            admin_views.asker_email_view,
            name="recap_questions_asker_email",
        ),
        path(
            "recap-questions/<int:question_id>/answer/",
            admin_views.written_answer_view,
            name="recap_questions_written_answer",
        ),
    ]


class CaptureMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_capture(request.user)


@hooks.register("register_admin_menu_item")
def register_capture_menu_item():
    return CaptureMenuItem(
        _("Capture questions"),
        reverse("recap_questions_capture_choose"),
        name="recap-capture-questions",
        icon_name="edit",
        order=251,
    )


@hooks.register("recap_dashboard_sections")
def pending_questions_section():
    return admin_views.PendingQuestionsSection()


# Delegate questions on session pages and reader responses under write-ups:
# sections those pages offer, so neither app needs questions installed.
@hooks.register("recap_session_page_sections")
def session_questions_section():
    return [SessionAskLinkSection(), SessionQuestionsSection()]


@hooks.register("recap_session_page_sections")
def session_record_section():
    return SessionRecordSection()


@hooks.register("recap_event_page_sections")
def event_asked_link_section():
    return EventAskedLinkSection()


@hooks.register("recap_writeup_page_sections")
def writeup_responses_section():
    return WriteUpResponsesSection()
