"""Pages as a French reader gets them (issue 11).

The page is served with French active, straight through Wagtail's
``Page.serve``, so the tests hold whichever way the site picks the language
(a URL prefix, a cookie, the browser's languages)."""

from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.utils import translation
from lxml import html


def serve_in_french(page, path=None):
    """The HTML of `page` (a Wagtail page), or of its sub-route at `path`,
    served in French, as an lxml tree."""
    path = path or page.url
    request = RequestFactory().get(path)
    request.user = AnonymousUser()
    request.session = {}
    components = [part for part in path[len(page.url) :].split("/") if part]
    with translation.override("fr"):
        route = page.specific.route(request, components)
        response = route.page.serve(request, *route.args, **route.kwargs)
        if hasattr(response, "render"):
            response.render()
    assert response.status_code == 200
    return html.fromstring(response.content.decode())


def text(tree, xpath):
    """The whitespace-normalised text of the elements `xpath` finds."""
    return [" ".join(element.text_content().split()) for element in tree.xpath(xpath)]
