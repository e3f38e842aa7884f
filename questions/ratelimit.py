"""Rate limits for asking and voting, counted in Django's cache.

django-ratelimit increments a counter per window with the cache's atomic
`incr` (Redis in production, so every app server shares the counts). Each
action has two limits:

- a tight one per browser (its signed cookie id), which stops one person
  sending too much;
- a generous one per IP address, which stops a flood from a client that
  drops its cookie on every request. A whole venue shares one address behind
  its Wi-Fi, so the defaults let a 2,000-seat room through: 10 questions and
  200 votes a second from one address, sustained (twice what such a room
  sends at its busiest).

A request over its browser limit is refused before it counts against the
address, so one abuser cannot use up the venue's shared allowance. The IP is
used only as a cache key for a minute, never stored in the database.

Rates come from RECAP_QUESTIONS_RATES (README, "Configuration"). When the
cache is unreachable the reference site counts in each process's memory (its
"ratelimit" cache, see recap/core/cache.py) rather than refusing everyone.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from .identity import ensure_browser_id

DEFAULT_RATES = {
    "ask": {"browser": "3/m", "ip": "600/m"},
    "vote": {"browser": "30/m", "ip": "12000/m"},
}

BROWSER = "browser"
IP = "ip"


def rates_for(action):
    """The limits for `action` ("ask" or "vote"), from RECAP_QUESTIONS_RATES if set."""
    configured = getattr(settings, "RECAP_QUESTIONS_RATES", {}) or {}
    return {**DEFAULT_RATES[action], **configured.get(action, {})}


def _browser(group, request):
    return ensure_browser_id(request)


def over_limit(request, action):
    """Count one `action` from this browser and address.

    Returns None when it may go ahead, or which limit it is over: BROWSER
    (this browser sent too many) or IP (too many from this address).
    """
    rates = rates_for(action)
    if is_ratelimited(
        request,
        group=f"recap_questions.{action}.browser",
        key=_browser,
        rate=rates[BROWSER],
        increment=True,
    ):
        return BROWSER
    if is_ratelimited(
        request,
        group=f"recap_questions.{action}.ip",
        key="ip",
        rate=rates[IP],
        increment=True,
    ):
        return IP
    return None
