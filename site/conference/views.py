"""Small site-wide views of the reference site: robots.txt, favicon.ico."""

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import reverse

from recap.core.links import absolute


def robots_txt(request):
    """robots.txt: everything public may be crawled except the admin and the
    machine-readable endpoints; the sitemap is named in full."""
    sitemap_url = absolute(request, reverse("sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        "Disallow: /search/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the
    page's <link rel="icon"> says: the site's SVG icon (no 404 in the logs)."""
    return HttpResponsePermanentRedirect(static("favicon.svg"))
