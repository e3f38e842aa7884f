"""Admin wiring for core: the "Recap library" menu group and the dashboard
panel, which the apps fill with their own items and sections."""

from wagtail import hooks

from .admin_menu import RecapLibraryMenuGroup
from .admin_views import RecapDashboardPanel


@hooks.register("register_admin_viewset")
def register_recap_library_menu():
    return RecapLibraryMenuGroup()


@hooks.register("construct_homepage_panels")
def add_recap_dashboard_panel(request, panels):
    panels.append(RecapDashboardPanel(request))
