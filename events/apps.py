from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "recap.events"
    # Prefixed so that a host site's own "events" app does not clash.
    label = "recap_events"
    verbose_name = _("Events")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from recap.core.control_characters import strip_control_characters_on_save

        strip_control_characters_on_save(self)
        from recap.core.cleaned_text import fill_cleaned_copies_on_save

        fill_cleaned_copies_on_save(self)
        from . import signals  # (connects the re-indexing receiver)

        signals.connect_content_version()
        from .frontend_cache import connect_frontend_cache_purges

        connect_frontend_cache_purges()

        # A translated session keeps its event's rooms, and a translated
        # event goes out with its translated sessions (events/translating.py).
        from wagtail.signals import copy_for_translation_done, page_published

        from .copying import rooms_after_translation
        from .models import EventPage
        from .translating import on_event_published

        copy_for_translation_done.connect(
            rooms_after_translation, dispatch_uid="recap_rooms_after_translation"
        )
        page_published.connect(
            on_event_published, sender=EventPage, dispatch_uid="recap_publish_translated_sessions"
        )

        # Registers the views the page models call (recap.core.page_views).
        from .exports import frab  # noqa: F401
        from .views import calendars, pages, recording  # noqa: F401
