"""Admin and extension wiring for resources: the Resource and Topic snippets
(in the "Recap library" menu group, which each app fills with its own items),
the resources section of a speaker's page, and the "Broken resource links"
report with its count on the dashboard."""

from django.urls import path
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .admin.reports import (
    BrokenLinksSection,
    BrokenResourceLinksView,
    broken_links_menu_item,
    check_links_view,
)
from .admin.views import ResourceViewSet, TopicViewSet
from .extensions import SpeakerResourcesSection

register_snippet(ResourceViewSet)
register_snippet(TopicViewSet)


@hooks.register("recap_speaker_page_sections")
def speaker_resources_section():
    return SpeakerResourcesSection()


@hooks.register("register_admin_urls")
def register_broken_links_report_urls():
    return [
        path(
            "reports/broken-resource-links/",
            BrokenResourceLinksView.as_view(),
            name="recap_resources_broken_links",
        ),
        path(
            "reports/broken-resource-links/results/",
            BrokenResourceLinksView.as_view(results_only=True),
            name="recap_resources_broken_links_results",
        ),
        path(
            "reports/broken-resource-links/check/",
            check_links_view,
            name="recap_resources_check_links",
        ),
    ]


hooks.register("register_reports_menu_item", broken_links_menu_item)


@hooks.register("recap_dashboard_sections")
def broken_links_section():
    return BrokenLinksSection()
