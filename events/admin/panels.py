"""Editor panels of events: links from an event's (or the event index's)
editor to its programme, adding a session and importing an .ics file, as
visible buttons at the top of the form (Wagtail's page header offers other
apps only its "..." menu); and the programme checks, shown as warnings at the
top of an event's (or a session's) editor, never blocking a save."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import Panel, TabbedInterface

#: Hook through which higher apps add tabs to a session's editor: each
#: function returns a list of `(position, panel)` pairs, the panel usually an
#: `ObjectList` with a heading, inserted before the tab at `position` of the
#: session's own tabs (an optional app adds its own settings' tab this way).
SESSION_EDIT_TABS_HOOK = "recap_session_edit_tabs"


class ProgrammeLinksPanel(Panel):
    """Buttons to the programme, "add a session" and the .ics import; shown
    once the page exists, to users who may use them."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "recap_events/admin/panels/programme_links.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk) and bool(self.links())

        def links(self):
            from ..models import EventPage, SessionPage

            page, user = self.instance, self.request.user
            permissions = page.permissions_for_user(user)
            links = {}
            if isinstance(page, EventPage):
                links["programme_url"] = reverse("recap_events_programme", args=[page.pk])
                links["session_count"] = SessionPage.objects.child_of(page).count()
                if permissions.can_add_subpage():
                    links["add_url"] = reverse(
                        "wagtailadmin_pages:add", args=["recap_events", "sessionpage", page.pk]
                    )
            if permissions.can_add_subpage():
                links["import_url"] = reverse("recap_events_import_ics", args=[page.pk])
            return links

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(self.links())
            return context


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
            from ..models import EventPage, SessionPage
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


class HookedTabbedInterface(TabbedInterface):
    """Tabs that higher apps extend through the hook `hook_name`: they are
    collected when Wagtail binds the edit handler to its model (on first use,
    once every app's hooks are registered), so an app that is not installed
    simply adds no tab."""

    def __init__(self, *args, hook_name, **kwargs):
        super().__init__(*args, **kwargs)
        self.hook_name = hook_name

    def clone_kwargs(self):
        kwargs = super().clone_kwargs()
        kwargs["hook_name"] = self.hook_name
        return kwargs

    def on_model_bound(self):
        children = list(self.children)
        extra = [pair for hook in hooks.get_hooks(self.hook_name) for pair in hook()]
        for position, panel in sorted(extra, key=lambda pair: pair[0], reverse=True):
            children.insert(position, panel)
        self.children = children
        super().on_model_bound()
