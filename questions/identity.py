"""Who is asking, without an account: a random id per browser.

The id lives in a signed cookie. The database only ever sees a keyed hash of
it (`asker_key`, `voter_key`), so a stored row cannot be tied back to a
cookie without the site's secret key, and no IP address is stored anywhere.
"""

import re
import secrets

from django.core import signing
from django.utils.crypto import salted_hmac

COOKIE_NAME = "recap_browser"
COOKIE_SALT = "recap_questions.browser"
COOKIE_MAX_AGE = 60 * 60 * 24 * 365
_KEY_SALT = "recap_questions.browser_key"
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


def ensure_browser_id(request):
    """The browser's id, making a new one (sent back by `remember_browser`) if it has none."""
    browser_id = read_browser_id(request)
    if browser_id is None:
        browser_id = secrets.token_urlsafe(24)
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
