"""Admin views of core: the "Conference" panel of the admin dashboard, whose
parts the apps register as sections under ``recap_dashboard_sections``
(upcoming events, questions to moderate, draft write-ups), so no app reaches
another's models to fill it."""

from wagtail.admin.ui.components import Component

from ..sections import build_sections

DASHBOARD_SECTIONS_HOOK = "recap_dashboard_sections"


class RecapDashboardPanel(Component):
    name = "recap_dashboard"
    template_name = "recap_core/admin/dashboard_panel.html"
    order = 50

    def __init__(self, request):
        self.request = request
        self.sections = build_sections(DASHBOARD_SECTIONS_HOOK, request, request.user)

    def render_html(self, parent_context=None):
        if not self.sections:
            return ""
        return super().render_html(parent_context)

    def get_context_data(self, parent_context=None):
        return {"recap_sections": self.sections, "request": self.request}
