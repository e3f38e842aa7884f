"""Editor panels of write-ups: the "Sessions covered" chooser opens inside
the event the write-up covers, and the "Events covered" chooser at the
events index (of the write-up's language), not at the root.

Wagtail's page chooser opens where the chosen page lives, and with nothing
chosen at the common ancestor of all pages of the type (the event index),
so an editor had to find the event again for every session. Here the "Add
sessions" button of the "Sessions covered" panel opens the chooser inside
the first event covered (as saved in the draft: a write-up started from an
event covers it from the start); the editor can still browse up to another
event. A small telepath factory (static/recap_writeups/session-chooser.js)
passes that parent to Wagtail's page chooser modal, which takes it as its
starting page."""

from django import forms
from wagtail.admin.panels import MultipleChooserPanel, PageChooserPanel
from wagtail.admin.staticfiles import versioned_static
from wagtail.admin.telepath import JSContext
from wagtail.admin.telepath import register as register_telepath_adapter
from wagtail.admin.widgets import AdminPageChooser
from wagtail.admin.widgets.chooser import PageChooserAdapter


class SessionChooser(AdminPageChooser):
    """A page chooser that, with nothing chosen, opens at `initial_parent_id`."""

    initial_parent_id = None


class SessionChooserAdapter(PageChooserAdapter):
    js_constructor = "recap.writeups.SessionChooser"

    def js_args(self, widget):
        html, id_pattern, options = super().js_args(widget)
        if widget.initial_parent_id:
            options = {**options, "parentId": widget.initial_parent_id}
        return [html, id_pattern, options]

    @property
    def media(self):
        return super().media + forms.Media(
            js=[versioned_static("recap_writeups/session-chooser.js")]
        )


register_telepath_adapter(SessionChooserAdapter(), SessionChooser)


class SessionChooserPanel(PageChooserPanel):
    """The page field of a "Sessions covered" or "Events covered" row: a
    page chooser that can open at a given page."""

    def get_form_options(self):
        opts = super().get_form_options()
        opts.setdefault("widgets", {})[self.field_name] = SessionChooser(
            target_models=self.page_type
        )
        return opts


class CoveredEventsPanel(MultipleChooserPanel):
    """ "Events covered": its chooser opens at the events index of the
    write-up's locale (with a French tree, the common ancestor of all
    events is the root, where Wagtail's chooser would open). Its rows'
    event field is a ``SessionChooserPanel`` (a chooser with a start)."""

    class BoundPanel(MultipleChooserPanel.BoundPanel):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.form or not isinstance(self.chooser_widget, SessionChooser):
                return
            index = events_index_for(self.instance)
            if index is not None:
                self.chooser_widget.initial_parent_id = index.pk
                self.js_context = JSContext()
                self.chooser_widget_telepath_definition = self.js_context.pack(self.chooser_widget)


def events_index_for(page):
    """The events index in `page`'s locale, else the first one."""
    from recap.events.models import EventIndexPage

    indexes = EventIndexPage.objects.order_by("path")
    locale_id = getattr(page, "locale_id", None)
    found = indexes.filter(locale_id=locale_id).first() if locale_id else None
    return found or indexes.first()


class CoveredSessionsPanel(MultipleChooserPanel):
    """ "Sessions covered": its chooser opens inside the first covered event."""

    class BoundPanel(MultipleChooserPanel.BoundPanel):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if not self.form or not isinstance(self.chooser_widget, SessionChooser):
                return
            events = self.instance.covered_events() if self.instance is not None else []
            if events:
                self.chooser_widget.initial_parent_id = events[0].pk
                self.js_context = JSContext()
                self.chooser_widget_telepath_definition = self.js_context.pack(self.chooser_widget)
