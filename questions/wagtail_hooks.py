"""Every piece of admin wiring for questions: the moderation queue, the
capture screen, CSV export, the question chooser and the dashboard panel."""

from django.apps import apps
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.models import Page
from wagtail_modeladmin.options import modeladmin_register

from recap.events.models import EventPage

from . import admin_views
from .admin import DelegateQuestionAdmin
from .choosers import question_chooser_viewset
from .models import DelegateQuestion, QuestionStatus
from .moderation import can_moderate

modeladmin_register(DelegateQuestionAdmin)


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
    ]


class CaptureMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_capture(request.user)


@hooks.register("register_admin_menu_item")
def register_capture_menu_item():
    return CaptureMenuItem(
        "Capture questions",
        reverse("recap_questions_capture_choose"),
        name="recap-capture-questions",
        icon_name="edit",
        order=251,
    )


class RecapDashboardPanel(Component):
    """Upcoming events, pending questions (for moderators) and draft write-ups."""

    name = "recap_dashboard"
    template_name = "recap_questions/admin/dashboard_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request

    def get_context_data(self, parent_context=None):
        user = self.request.user
        now = timezone.now()
        context = {
            "upcoming_events": list(EventPage.objects.filter(end__gte=now).order_by("start")[:5]),
            "can_moderate": can_moderate(user),
            "drafts": [],
        }
        if context["can_moderate"]:
            pending = DelegateQuestion.objects.filter(status=QuestionStatus.PENDING)
            context["pending_count"] = pending.count()
            context["pending_latest"] = list(
                pending.select_related("session", "page").order_by("-created_at")[:5]
            )
            context["queue_url"] = (
                reverse("recap_questions_delegatequestion_modeladmin_index")
                + "?status__exact=pending"
            )
        try:
            writeup_model = apps.get_model("recap_writeups", "WriteUpPage")
        except LookupError:
            writeup_model = None
        if writeup_model is not None:
            context["drafts"] = list(
                Page.objects.type(writeup_model)
                .filter(has_unpublished_changes=True)
                .order_by("-latest_revision_created_at")[:5]
            )
        return context


@hooks.register("construct_homepage_panels")
def add_recap_dashboard_panel(request, panels):
    panels.append(RecapDashboardPanel(request))
