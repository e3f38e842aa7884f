"""Wiring for write-ups: the dashboard's draft write-ups, and what write-ups
add to the pages of the apps below them (event, session, speaker and topic
pages, the resource library) through the hooks those pages offer."""

from wagtail import hooks

from . import extensions
from .admin_views import DraftWriteUpsSection, tell_about_earlier_draft


@hooks.register("recap_dashboard_sections")
def draft_writeups_section():
    return DraftWriteUpsSection()


hooks.register("recap_event_page_sections", extensions.event_page_sections)
hooks.register("recap_session_page_sections", extensions.session_page_sections)
hooks.register("recap_speaker_page_sections", extensions.speaker_page_sections)
hooks.register("recap_topic_page_sections", extensions.topic_page_sections)
hooks.register("recap_resource_relations", extensions.resource_relations)
hooks.register("after_create_page", tell_about_earlier_draft)
