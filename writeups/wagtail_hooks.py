"""Wiring for write-ups: the dashboard's draft write-ups, and what write-ups
add to the pages of the apps below them (event, session, speaker and topic
pages, the resource library) through the hooks those pages offer."""

from django.urls import path
from wagtail import hooks

from . import extensions
from .admin.views import (
    DraftWriteUpsSection,
    start_session_writeup_view,
    start_writeup_button,
    start_writeup_view,
    tell_about_earlier_draft,
)


@hooks.register("register_admin_urls")
def register_start_writeup_url():
    return [
        path(
            "recap/writeups/start/<int:event_id>/", start_writeup_view, name="recap_writeups_start"
        ),
        path(
            "recap/writeups/start/session/<int:session_id>/",
            start_session_writeup_view,
            name="recap_writeups_start_session",
        ),
    ]


@hooks.register("register_page_header_buttons")
def start_writeup_header_button(page, user, view_name=None, next_url=None):
    return start_writeup_button(page, user, priority=70)


@hooks.register("register_page_listing_more_buttons")
def start_writeup_listing_button(page, user, next_url=None):
    return start_writeup_button(page, user, priority=70)


@hooks.register("recap_dashboard_sections")
def draft_writeups_section():
    return DraftWriteUpsSection()


hooks.register("recap_event_page_sections", extensions.event_page_sections)
hooks.register("recap_session_page_sections", extensions.session_page_sections)
hooks.register("recap_speaker_page_sections", extensions.speaker_page_sections)
hooks.register("recap_topic_page_sections", extensions.topic_page_sections)
hooks.register("recap_resource_relations", extensions.resource_relations)
hooks.register("recap_published_topics", extensions.published_topics_q)
hooks.register("after_create_page", tell_about_earlier_draft)
