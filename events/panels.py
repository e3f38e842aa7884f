"""Admin panels of events: the programme checks, shown as warnings at the top
of an event's (or a session's) editor. They never block saving."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import Panel


class ProgrammeChecksPanel(Panel):
    """Warnings about the event's programme (see ``programme_checks``). On a
    session's editor, only those that name that session."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", _("Programme checks"))
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "recap_events/admin/programme_checks_panel.html"

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.warnings = self._warnings()

        def _warnings(self):
            from .models import EventPage, SessionPage
            from .programme_checks import check_event

            page = self.instance
            if isinstance(page, EventPage):
                return check_event(page)
            if isinstance(page, SessionPage) and page.pk:
                event = page.event
                if event is None:
                    return []
                return [w for w in check_event(event) if w.involves(page.pk)]
            return []

        def is_shown(self):
            return bool(self.warnings)

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context["warnings"] = self.warnings
            return context
