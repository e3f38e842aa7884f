"""Small site-wide views of the reference site: robots.txt."""

from django.http import HttpResponse
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
