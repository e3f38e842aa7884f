from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeakersConfig(AppConfig):
    name = "recap.speakers"
    # Prefixed so that a host site's own "speakers" app does not clash.
    label = "recap_speakers"
    verbose_name = _("Speakers")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from recap.core.control_characters import strip_control_characters_on_save

        strip_control_characters_on_save(self)
        from recap.core.cleaned_text import fill_cleaned_copies_on_save

        fill_cleaned_copies_on_save(self)

        # Links to a speaker's or resource's translation go to the person (or
        # resource) itself: one record across languages (recap.core.translations).
        from django.db.models.signals import pre_save

        from recap.core.translations import point_links_at_canonical_records

        pre_save.connect(point_links_at_canonical_records, dispatch_uid="recap_canonical_links")

        # Registers the views the page models call (recap.core.page_views).
        from .views import directory, profile  # noqa: F401
