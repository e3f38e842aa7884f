"""Admin and extension wiring for resources: the Resource and Topic snippets
(in the "Recap library" menu group, which each app fills with its own items)
and the resources section of a speaker's page."""

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin_views import ResourceViewSet, TopicViewSet
from .extensions import SpeakerResourcesSection

register_snippet(ResourceViewSet)
register_snippet(TopicViewSet)


@hooks.register("recap_speaker_page_sections")
def speaker_resources_section():
    return SpeakerResourcesSection()
