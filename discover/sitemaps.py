"""sitemap.xml with every location on the request's host.

Wagtail's sitemap lists each page at ``page.get_full_url()``: the Site
record's host and port, which is right only once the Site is set to where the
site is served. Recap's pages list their own extra entries (speakers, topics)
from the request (recap.core.links); this sitemap moves Wagtail's entries onto
the request's host too, so one sitemap never mixes two hosts, and lists the
pages of every language (each translation of the home page is a tree). A host site
uses it in place of Wagtail's view:

    from recap.discover.sitemaps import sitemap
    path("sitemap.xml", sitemap),
"""

from wagtail.contrib.sitemaps import views
from wagtail.contrib.sitemaps.sitemap_generator import Sitemap

from recap.core.links import absolute


class RequestSitemap(Sitemap):
    def items(self):
        """Every live public page of the site in every language: Wagtail's
        own lists the default home page's tree only, and each translation of
        the home page (the French site at /fr/) is a tree of its own."""
        from django.db.models import Q
        from wagtail.models import Page

        home = self.get_wagtail_site().root_page
        trees = Q()
        for translation in home.get_translations(inclusive=True).only("path"):
            trees |= Q(path__startswith=translation.path)
        return (
            Page.objects.filter(trees)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        site_root = self.get_wagtail_site().root_url
        for info in urls:
            location = info.get("location") or ""
            if location.startswith(site_root + "/"):
                info["location"] = absolute(self.request, location[len(site_root) :])
        return urls


def sitemap(request, sitemaps=None, **kwargs):
    return views.sitemap(request, sitemaps or {"wagtail": RequestSitemap}, **kwargs)
