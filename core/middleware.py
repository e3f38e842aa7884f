"""Security headers for public pages: Content-Security-Policy and
Permissions-Policy.

Recap's public pages run no inline script: every script is a static file and
JSON-LD is a data block (`type="application/ld+json"`), which is never
executed, so `script-src 'self'` holds. The only inline style is the question
form's honeypot, allowed by its hash. Django 6 has its own CSP middleware;
this one works on Django 5.2 as well, and leaves alone a response that already
carries a policy (from Django's middleware or a view).

Settings (all optional):

- ``RECAP_CONTENT_SECURITY_POLICY``: a dict of directive -> list of sources
  (replaces the default), or a string; ``None`` sends none.
- ``RECAP_PERMISSIONS_POLICY``: a string; ``None`` sends none.
- ``RECAP_SECURITY_HEADERS_SKIP``: path prefixes left alone; by default the
  Wagtail and Django admin, whose own inline scripts and styles a strict
  policy would break (Wagtail's admin does not support a CSP without
  'unsafe-inline' yet).
"""

import hashlib
from base64 import b64encode

from django.conf import settings
from django.urls import NoReverseMatch, reverse

# The question form's visually hidden honeypot (questions/includes/question_form.html).
HONEYPOT_STYLE = "position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden"


def style_hash(style):
    """The CSP source for an inline style attribute (needs 'unsafe-hashes')."""
    return f"'sha256-{b64encode(hashlib.sha256(style.encode()).digest()).decode()}'"


DEFAULT_CONTENT_SECURITY_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-hashes'", style_hash(HONEYPOT_STYLE)],
    # Speaker photos and resource images may come from other sites; QR codes
    # and small icons are data: URLs.
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    # Write-ups embed videos (YouTube, Vimeo...) through oEmbed iframes.
    "frame-src": ["'self'", "https:"],
    "media-src": ["'self'", "https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}

# Features no Recap page uses, turned off for the page and anything it embeds.
DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)

_MISSING = object()


def policy_header(policy):
    """A CSP header value from a dict of directives (or a string as it is)."""
    if policy is None or isinstance(policy, str):
        return policy
    return "; ".join(
        " ".join([directive, *sources]) if sources else directive
        for directive, sources in policy.items()
    )


def _admin_prefixes():
    prefixes = []
    for name in ("wagtailadmin_home", "admin:index"):
        try:
            prefixes.append(reverse(name))
        except NoReverseMatch:
            continue
    return tuple(prefixes)


class SecurityHeadersMiddleware:
    """Adds Content-Security-Policy and Permissions-Policy to every response
    outside the admin."""

    def __init__(self, get_response):
        self.get_response = get_response
        csp = getattr(settings, "RECAP_CONTENT_SECURITY_POLICY", _MISSING)
        self.csp = policy_header(DEFAULT_CONTENT_SECURITY_POLICY if csp is _MISSING else csp)
        permissions = getattr(settings, "RECAP_PERMISSIONS_POLICY", _MISSING)
        self.permissions = DEFAULT_PERMISSIONS_POLICY if permissions is _MISSING else permissions
        self._skip = getattr(settings, "RECAP_SECURITY_HEADERS_SKIP", None)

    @property
    def skip(self):
        # Resolved on first use: URLconfs are not loaded when middleware is built.
        if self._skip is None:
            self._skip = _admin_prefixes()
        return tuple(self._skip)

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.skip):
            return response
        if self.csp and "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = self.csp
        if self.permissions and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = self.permissions
        return response
