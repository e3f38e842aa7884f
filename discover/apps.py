from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoverConfig(AppConfig):
    """Site search, the API and the sitemap: what shows every app's content."""

    name = "recap.discover"
    label = "recap_discover"
    verbose_name = _("Recap discovery")

    def ready(self):
        from .indexing import connect_reindexing

        connect_reindexing()
