"""What resources add to the pages of apps below them (speakers), through
the hooks those pages offer (registered in wagtail_hooks.py)."""

from recap.core.sections import Section
from recap.core.translations import annotate_translations, show_translations


class SpeakerResourcesSection(Section):
    """A speaker's resources, on their page (one query)."""

    template_name = "recap_resources/sections/resource_list.html"
    order = 40

    def get_context(self, request, speaker):
        if not speaker.pk:
            return None
        resources = show_translations(
            list(annotate_translations(speaker.resources.select_related("document", "image")))
        )
        return {"resources": resources} if resources else None
