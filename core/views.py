"""File-like sub-routes of routable pages (an event's ``programme.ics``,
``schedule.xml``...), which Wagtail's own slash-terminated URL pattern does
not match. ``recap.urls`` mounts this view before Wagtail's catch-all."""

from django.http import Http404, HttpResponse
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
