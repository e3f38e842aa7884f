"""The reference site's header: its section links in the reader's language."""

from django import template
from django.db.models import Case, Q, When
from wagtail.models import Page, Site

from recap.core.versioning import cached
from recap.events.models import EventIndexPage
from recap.resources.models import ResourceLibraryPage, TopicIndexPage
from recap.speakers.models import SpeakerIndexPage
from recap.writeups.models import WriteUpIndexPage

register = template.Library()

# The header's sections, by the index page that holds each.
SECTIONS = {
    EventIndexPage: "events",
    SpeakerIndexPage: "speakers",
    WriteUpIndexPage: "write_ups",
    TopicIndexPage: "topics",
    ResourceLibraryPage: "resources",
}
# Where each section is when the site has no such page (a fresh install).
FALLBACK = {
    "events": "/events/",
    "speakers": "/speakers/",
    "write_ups": "/write-ups/",
    "topics": "/topics/",
    "resources": "/resources/",
}


def section_urls(request):
    """{section: address} of the section pages under the home page in the
    active language (the default language's where a section has no
    translation). Kept per content version and language: no query on a warm
    page."""

    def compute():
        site = Site.find_for_request(request)
        if site is None:
            return dict(FALLBACK)
        home = site.root_page
        translated = home.localized
        # One query: the sections under the home page in this language, and
        # under the default one for those without a translation.
        children = (
            Page.objects.live()
            .filter(depth=home.depth + 1)
            .filter(Q(path__startswith=translated.path) | Q(path__startswith=home.path))
            .order_by(Case(When(path__startswith=translated.path, then=0), default=1), "path")
        )
        urls = {}
        for child in children:
            section = SECTIONS.get(child.specific_class)
            if section and section not in urls:
                urls[section] = child.get_url(request)
        return {**FALLBACK, **urls}

    return cached(f"site-sections:{request.scheme}:{request.get_host()}", compute)


@register.simple_tag(takes_context=True)
def site_sections(context):
    """``{% site_sections as sections %}``: ``sections.events`` and so on."""
    request = context.get("request")
    if request is None:
        return dict(FALLBACK)
    return section_urls(request)
