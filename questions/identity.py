"""Who is asking, without an account: a random id per browser.

The id lives in a signed cookie. The database only ever sees a keyed hash of
it (`asker_key`, `voter_key`), so a stored row cannot be tied back to a
cookie without the site's secret key, and no IP address is stored anywhere.

A browser that has no cookie yet (its first visit) is given an id when a page
shows it a form: the id travels, signed, in a hidden field of every ask and
vote form on that page, and the first post sets the cookie to it. So a
double-click on "Up-vote", or a retry after a lost response, arrives twice
with the same id and counts once, even before the cookie exists. (The page
itself cannot set the cookie: it is served by the events app, below this one.)
"""

import re
import secrets

from django.core import signing
from django.utils.crypto import salted_hmac

COOKIE_NAME = "recap_browser"
COOKIE_SALT = "recap_questions.browser"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
_KEY_SALT = "recap_questions.browser_key"
FORM_FIELD = "browser"
_FORM_SALT = "recap_questions.browser_form"
_VALID_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def read_browser_id(request):
    """The browser's id from its signed cookie (or one made in this request), or None."""
    made = getattr(request, "_recap_browser_id", None)
    if made:
        return made
    try:
        value = request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT)
    except (KeyError, signing.BadSignature):
        return None
    return value if _VALID_ID.match(value) else None


def _posted_browser_id(request):
    """The id a form carried for a browser that had no cookie when it was shown."""
    if request.method != "POST":
        return None
    try:
        value = signing.loads(request.POST.get(FORM_FIELD) or "", salt=_FORM_SALT)
    except signing.BadSignature:
        return None
    return value if isinstance(value, str) and _VALID_ID.match(value) else None


def form_browser_token(request):
    """The hidden value a page's forms carry when this browser has no id yet
    ("" when it has one): the same new id for every form on the page."""
    if request is None or read_browser_id(request) is not None:
        return ""
    token = getattr(request, "_recap_form_browser_token", None)
    if token is None:
        token = signing.dumps(secrets.token_urlsafe(24), salt=_FORM_SALT)
        request._recap_form_browser_token = token
    return token


def ensure_browser_id(request):
    """The browser's id: from its cookie, else the one its form carried, else a
    new one. A form's or a new id is sent back as the cookie by `remember_browser`."""
    browser_id = read_browser_id(request)
    if browser_id is None:
        browser_id = _posted_browser_id(request) or secrets.token_urlsafe(24)
        request._recap_browser_id = browser_id
        request._recap_browser_id_is_new = True
    return browser_id


def remember_browser(request, response):
    """Set the cookie on `response` when this request made a new id."""
    if getattr(request, "_recap_browser_id_is_new", False):
        response.set_signed_cookie(
            COOKIE_NAME,
            request._recap_browser_id,
            salt=COOKIE_SALT,
            max_age=COOKIE_MAX_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


def browser_key(browser_id):
    """The keyed hash stored in place of the browser's id (64 hex characters)."""
    return salted_hmac(_KEY_SALT, browser_id, algorithm="sha256").hexdigest()


def current_browser_key(request):
    """The stored form of this browser's id, or "" when it has none yet."""
    browser_id = read_browser_id(request)
    return browser_key(browser_id) if browser_id else ""
