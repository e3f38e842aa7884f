"""Wiring for speaker links: the admin URLs, the event's "Speaker links"
header button, and the "Speaker materials" queue in the menu."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin import views


@hooks.register("register_admin_urls")
def register_materials_admin_urls():
    return [
        path(
            "recap-materials/events/<int:event_id>/", views.links_view, name="recap_materials_links"
        ),
        path(
            "recap-materials/events/<int:event_id>/speakers/<int:speaker_id>/",
            views.link_action_view,
            name="recap_materials_link_action",
        ),
        path(
            "recap-materials/events/<int:event_id>/remind/",
            views.remind_view,
            name="recap_materials_remind",
        ),
        path("recap-materials/queue/", views.queue_view, name="recap_materials_queue"),
        path(
            "recap-materials/queue/<int:submission_id>/",
            views.decide_view,
            name="recap_materials_decide",
        ),
        path(
            "recap-materials/queue/<int:submission_id>/edit/",
            views.edit_view,
            name="recap_materials_edit",
        ),
    ]


@hooks.register("register_page_header_buttons")
def speaker_links_header_button(page, user, view_name=None, next_url=None):
    return views.speaker_links_button(page, user)


@hooks.register("register_admin_menu_item")
def register_materials_menu_item():
    return MenuItem(
        _("Speaker materials"),
        reverse("recap_materials_queue"),
        name="recap-speaker-materials",
        icon_name="doc-full",
        order=252,
    )
