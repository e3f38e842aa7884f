"""Admin wiring for core: the "Recap library" menu group and the dashboard
panel, which the apps fill with their own items and sections, and the script
that keeps a multiple chooser's picks across searches (``choosers.py``)."""

from django.template.loader import render_to_string
from wagtail import hooks

from .admin.menu import RecapLibraryMenuGroup
from .admin.picks import tell_about_dropped_picks
from .admin.views import RecapDashboardPanel


@hooks.register("register_admin_viewset")
def register_recap_library_menu():
    return RecapLibraryMenuGroup()


@hooks.register("construct_homepage_panels")
def add_recap_dashboard_panel(request, panels):
    panels.append(RecapDashboardPanel(request))


@hooks.register("insert_global_admin_js")
def chooser_picks_js():
    """Multiple choosers keep their picks across searches (core/choosers.py)."""
    return render_to_string("recap_core/admin/chooser_picks_js.html")


@hooks.register("after_edit_page")
def tell_about_dropped_picks_on_edit(request, page):
    """A pick made twice in a chooser panel was kept once (admin/picks.py)."""
    tell_about_dropped_picks(request, page)


@hooks.register("after_create_page")
def tell_about_dropped_picks_on_create(request, page):
    tell_about_dropped_picks(request, page)


@hooks.register("before_publish_page")
def tell_about_dropped_picks_on_publish(request, page):
    # Publishing reloads the page before its "after" hooks.
    tell_about_dropped_picks(request, page)
