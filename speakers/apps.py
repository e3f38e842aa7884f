from django.apps import AppConfig


class SpeakersConfig(AppConfig):
    name = "recap.speakers"
    # Prefixed so that a host site's own "speakers" app does not clash.
    label = "recap_speakers"
    verbose_name = "Speakers"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from recap.core.control_characters import strip_control_characters_on_save

        strip_control_characters_on_save(self)
        from recap.core.cleaned_text import fill_cleaned_copies_on_save

        fill_cleaned_copies_on_save(self)
