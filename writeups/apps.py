from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WriteupsConfig(AppConfig):
    name = "recap.writeups"
    # Prefixed so that a host site's own "writeups" app does not clash.
    label = "recap_writeups"
    verbose_name = _("Write-ups")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from recap.core.control_characters import strip_control_characters_on_save

        strip_control_characters_on_save(self)

        # Registers the views the page models call (recap.core.page_views).
        from . import views  # noqa: F401
        from .exports import feeds  # noqa: F401
