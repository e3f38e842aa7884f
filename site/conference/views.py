"""Small site-wide views of the reference site: robots.txt, and the file-like
sub-routes of pages (``programme.ics``, ``schedule.xml``...)."""

from django.http import Http404, HttpResponse
from django.urls import reverse
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def serve_page_file(request, page_path, filename):
    """Serve a routable page's sub-route that looks like a file name.

    Wagtail's own URL pattern only matches paths ending in a slash, and its
    routing of a routable page appends one ("schedule.xml/"), so a route
    declared as ``path("schedule.xml")`` is otherwise unreachable. Here the
    page is found from the folder part, and its route from the file name,
    with the same hooks (privacy, for one) as Wagtail's own serve view.
    """
    route = Page.route_for_request(request, page_path)
    if route is None:
        raise Http404
    page = route[0]
    if not isinstance(page, RoutablePageMixin):
        raise Http404
    try:
        view, args, kwargs = page.resolve_subpage("/" + filename)
    except Http404:
        raise
    except Exception as exc:  # Resolver404 is an Http404; anything else is a miss too
        raise Http404 from exc
    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, [view, args, kwargs], {})
        if isinstance(result, HttpResponse):
            return result
    return page.serve(request, view, args, kwargs)


def robots_txt(request):
    """robots.txt: everything public may be crawled except the admin and the
    machine-readable endpoints; the sitemap is named in full."""
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
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
