"""Wiring for events: the .ics import's admin URLs and buttons, the
"upcoming events" dashboard panel, and what events add to the pages of the
apps below them (speakers' pages and directory, topic pages, the resource
library) through the hooks those pages offer."""

from django.urls import path
from wagtail import hooks

from . import extensions
from .admin.views import (
    ProgrammeChecksSection,
    UpcomingEventsSection,
    import_button,
    import_confirm_view,
    import_upload_view,
    listing_buttons,
    programme_button,
    programme_checks_menu_item,
    programme_checks_view,
    programme_view,
)
from .copying import rooms_after_copy

# The speaker chooser's "Last event" column (speakers/admin/views.py).
hooks.register("recap_speaker_last_events", extensions.speakers_last_events)


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("recap/import-ics/<int:page_id>/", import_upload_view, name="recap_events_import_ics"),
        path(
            "recap/import-ics/<int:page_id>/confirm/",
            import_confirm_view,
            name="recap_events_import_ics_confirm",
        ),
        path(
            "recap/events/<int:page_id>/programme/",
            programme_view,
            name="recap_events_programme",
        ),
        path(
            "reports/programme-checks/",
            programme_checks_view,
            name="recap_events_programme_checks",
        ),
    ]


hooks.register("register_reports_menu_item", programme_checks_menu_item)


@hooks.register("register_page_header_buttons")
def import_ics_header_button(page, user, view_name=None, next_url=None):
    return programme_button(page, user, priority=74) + import_button(page, user, priority=75)


@hooks.register("register_page_listing_buttons")
def programme_listing_buttons(page, user, next_url=None):
    return listing_buttons(page, user)


@hooks.register("after_copy_page")
def keep_copied_sessions_in_their_events_rooms(request, page, new_page):
    rooms_after_copy(new_page)


@hooks.register("recap_dashboard_sections")
def upcoming_events_section():
    return UpcomingEventsSection()


@hooks.register("recap_dashboard_sections")
def programme_checks_section():
    return ProgrammeChecksSection()


hooks.register("recap_speaker_page_sections", extensions.speaker_page_sections)
hooks.register("recap_speaker_directory_filters", extensions.speaker_directory_filters)
hooks.register("recap_speaker_directory_queryset", lambda: extensions.with_session_count)
hooks.register("recap_topic_page_sections", extensions.topic_page_sections)
hooks.register("recap_resource_library_filters", extensions.resource_library_filters)
hooks.register("recap_resource_relations", extensions.resource_relations)
hooks.register("recap_published_topics", extensions.published_topics_q)
