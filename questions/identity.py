"""Who is asking, without an account: a random id per browser.

The id lives in a signed cookie. The database only ever sees a keyed hash of
it (`asker_key`, `voter_key`), so a stored row cannot be tied back to a
cookie without the site's secret key, and no IP address is stored anywhere.

An id is *issued by a page view*: a browser that has no cookie yet is given
one when a page shows it the questions (the session page, a write-up that
invites responses). The id travels, signed and dated, in a hidden field of
every ask and vote form on that page, and the first post sets the cookie to
it. So a double-click on "Up-vote", or a retry after a lost response, arrives
twice with the same id and counts once, even before the cookie exists. (The
page itself cannot set the cookie: it is served by the events app, below
this one.)

A vote needs such an id: a post that carries neither the cookie nor a page's
id is refused, never given a new id on the spot. New ids are limited per IP
address (`ratelimit.allow_new_identity`, "identity" in RECAP_QUESTIONS_RATES):
a script that drops its cookie gets at most that many ids, hence votes per
question, a minute, while a venue's delegates behind one NAT, arriving over
minutes, each get theirs.
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
# A page's id must be used (by a first post) within a conference day; a page
# left open longer asks its reader to reload it. It bounds how many ids a
# patient script can gather before spending them at once.
FORM_TOKEN_MAX_AGE = 60 * 60 * 12
_VALID_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")


def read_browser_id(request):
    """The browser's id from its signed cookie (or one taken in this request), or None."""
    made = getattr(request, "_recap_browser_id", None)
    if made:
        return made
    try:
        value = request.get_signed_cookie(COOKIE_NAME, salt=COOKIE_SALT)
    except (KeyError, signing.BadSignature):
        return None
    return value if _VALID_ID.match(value) else None


def _posted_browser_id(request):
    """The id a page's form carried for a browser that had no cookie when it
    was shown, if its signature is good and it is not too old."""
    if request.method != "POST":
        return None
    try:
        value = signing.loads(
            request.POST.get(FORM_FIELD) or "", salt=_FORM_SALT, max_age=FORM_TOKEN_MAX_AGE
        )
    except signing.BadSignature:  # SignatureExpired included
        return None
    return value if isinstance(value, str) and _VALID_ID.match(value) else None


def new_form_token():
    """A new browser id, signed and dated, as a page's forms carry it.
    Not counted against any limit: `form_browser_token` is what pages use."""
    return signing.dumps(secrets.token_urlsafe(24), salt=_FORM_SALT)


def form_browser_token(request):
    """The hidden value a page's forms carry when this browser has no id yet
    ("" when it has one, or when its address has been given too many new ids
    this minute): the same new id for every form on the page."""
    if request is None or read_browser_id(request) is not None:
        return ""
    token = getattr(request, "_recap_form_browser_token", None)
    if token is None:
        from .ratelimit import allow_new_identity  # (ratelimit reads ids: imported late)

        token = new_form_token() if allow_new_identity(request) else ""
        request._recap_form_browser_token = token
    return token


def _take(request, browser_id):
    request._recap_browser_id = browser_id
    request._recap_browser_id_is_new = True
    return browser_id


def known_browser_id(request):
    """The browser's id from its cookie, else the one its page's form carried
    (then sent back as the cookie by `remember_browser`), else None."""
    browser_id = read_browser_id(request)
    if browser_id is None:
        posted = _posted_browser_id(request)
        if posted is not None:
            browser_id = _take(request, posted)
    return browser_id


def ensure_browser_id(request):
    """The browser's id as `known_browser_id` finds it, else a new one when
    its address may still be given one (counted like a page's), else None."""
    browser_id = known_browser_id(request)
    if browser_id is None:
        from .ratelimit import allow_new_identity

        if allow_new_identity(request):
            browser_id = _take(request, secrets.token_urlsafe(24))
    return browser_id


def remember_browser(request, response):
    """Set the cookie on `response` when this request took a new id."""
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
