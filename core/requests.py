"""Form posts in a character encoding the site cannot read get a 400.

A form is sent as UTF-8 (application/x-www-form-urlencoded has no other
encoding, and browsers send multipart forms in the page's, UTF-8). A post
that declares another charset (`charset=utf-16`) or an unknown one
(`charset=nonsense`) cannot be read as its sender meant. Django refuses a
non-UTF-8 urlencoded body with BadRequest when the body is first read, but
that first read is usually CsrfViewMiddleware's, and the 400 handler it ends
in reads the body again (to check a CSRF token) and fails: a 500. So the
charset is checked before anything reads the body:

- Recap's own public form views are wrapped in `form_post`, so a host site
  needs nothing for them;
- `UndecodableFormMiddleware` does the same for every view of a site (the
  admin's forms, a host's own): add it before CsrfViewMiddleware (the
  reference site does; see docs/security.md).
"""

from functools import wraps

from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect

FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _declared_charset(request):
    """The charset a form post declares, or None (none declared: UTF-8)."""
    content_type = request.META.get("CONTENT_TYPE", "")
    main, _sep, parameters = content_type.partition(";")
    if main.strip().lower() not in FORM_CONTENT_TYPES:
        return None
    for parameter in parameters.split(";"):
        name, _eq, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            return value.strip().strip('"').strip()
    return None


def undecodable_form(request):
    """A 400 response when `request` is a form post whose declared charset
    is not "utf-8" (unknown, another, or another spelling), else None."""
    if request.method in ("GET", "HEAD", "OPTIONS", "TRACE"):
        return None
    charset = _declared_charset(request)
    if charset is None:
        return None
    if charset.lower() == "utf-8":
        return None  # (only this spelling: Django refuses "utf8" in a form too)
    return HttpResponseBadRequest(
        _(
            "This form was sent in a character encoding the site cannot read. Send it again "
            "from the page: forms are read as UTF-8."
        ),
        content_type="text/plain; charset=utf-8",
    )


def form_post(view):
    """Wrap a view that reads a form: a post in an unreadable charset gets
    400 before anything reads its body; then CSRF is checked as
    CsrfViewMiddleware would (the view is exempt from the middleware, which
    would read the body first, and protected here instead)."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        refused = undecodable_form(request)
        if refused is not None:
            return refused
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


class UndecodableFormMiddleware:
    """`undecodable_form` for every view of a site: put it before
    django.middleware.csrf.CsrfViewMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return undecodable_form(request) or self.get_response(request)
