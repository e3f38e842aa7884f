"""File-like sub-routes of routable pages (an event's ``programme.ics``,
``schedule.xml``...), which Wagtail's own slash-terminated URL pattern does
not match. ``recap.urls`` mounts this view before Wagtail's catch-all."""

from django.http import Http404, HttpResponse
from wagtail import hooks
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def _serve(page, request, args, kwargs):
    """The end of the chain, as Wagtail's own ``serve_chain``."""
    return page.serve(request, *args, **kwargs)


def serve_page_file(request, page_path, filename):
    """Serve a routable page's sub-route that looks like a file name.

    Wagtail's own URL pattern only matches paths ending in a slash, and its
    routing of a routable page appends one ("schedule.xml/"), so a route
    declared as ``path("schedule.xml")`` is otherwise unreachable. Here the
    page is found from the folder part, and its route from the file name;
    then it is served exactly as ``wagtail.views.serve`` serves a page: the
    ``on_serve_page`` chain (where Wagtail checks the view restrictions of
    the page and its ancestors: password form, login redirect) wrapped round
    the page's serve, after the ``before_serve_page`` hooks.
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
    serve_args, serve_kwargs = [view, args, kwargs], {}

    on_serve_chain = _serve
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, serve_args, serve_kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, serve_args, serve_kwargs)
