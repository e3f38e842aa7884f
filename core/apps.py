from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The bottom of Recap: helpers and template includes every app uses
    (the sanitiser, absolute URLs, JSON-LD, file-like page routes). Its one
    model is the content version (versioning.py); it imports no other Recap
    app."""

    name = "recap.core"
    label = "recap_core"
    verbose_name = "Recap"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .locales import connect_locale_signals
        from .versioning import connect_page_signals, connect_request_signals

        connect_page_signals()
        connect_request_signals()
        connect_locale_signals()
