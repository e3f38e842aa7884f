from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ResourcesConfig(AppConfig):
    name = "recap.resources"
    # Prefixed so that a host site's own "resources" app does not clash.
    label = "recap_resources"
    verbose_name = _("Resources and topics")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from recap.core.control_characters import strip_control_characters_on_save

        strip_control_characters_on_save(self)

        # Topic fields pick existing topics only (resources/topics.py).
        from modelcluster.contrib.taggit import ClusterTaggableManager
        from wagtail.admin.forms.models import register_form_field_override

        from .topics import topic_form_field_override

        register_form_field_override(ClusterTaggableManager, override=topic_form_field_override)

        # Registers the views the page models call (recap.core.page_views).
        from . import views  # noqa: F401
