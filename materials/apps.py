from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "recap.materials"
    # Prefixed so that a host site's own "materials" app does not clash.
    label = "recap_materials"
    verbose_name = _("Speaker materials")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # The system check that speakers' pending uploads stay private.
        from . import documents  # noqa: F401
