"""The "Recap library" admin menu group, which every app fills with its own
items: a ViewSet (or snippet viewset) sets ``menu_hook = LIBRARY_MENU_HOOK``,
or a hook registered under that name returns a MenuItem, the way Wagtail's
Settings menu collects ``register_settings_menu_item``. The group is
registered by core's wagtail_hooks and hidden while it has no items."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.base import ViewSetGroup

LIBRARY_MENU_HOOK = "register_recap_library_menu_item"


class RecapLibraryMenuGroup(ViewSetGroup):
    menu_label = _("Recap library")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    menu_name = "recap-library"
    submenu_hook = LIBRARY_MENU_HOOK
    items = ()
