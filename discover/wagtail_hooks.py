"""Wiring for the top app: admin listings that span the apps below.

The admin's "Sessions" listing is events' (every session, filtered by event
and recording), with the speaker-materials filters when recap.materials is
installed; it is registered here because only the top app may know both."""

from django.apps import apps
from wagtail import hooks

from recap.events.admin.sessions import SessionFilterSet, SessionListingViewSet


def session_filterset():
    if apps.is_installed("recap.materials"):
        from recap.materials.admin.sessions import MaterialsSessionFilterSet

        return MaterialsSessionFilterSet
    return SessionFilterSet


@hooks.register("register_admin_viewset")
def register_session_listing():
    return SessionListingViewSet("recap_sessions", filterset_class=session_filterset())
