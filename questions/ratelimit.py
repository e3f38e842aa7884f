"""Rate limits for asking and voting, counted in Django's cache.

django-ratelimit increments a counter per window with the cache's atomic
`incr` (Redis in production, so every app server shares the counts). Each
action has two limits: a tight one per browser and a generous one per IP
address, since a whole venue shares one address behind its Wi-Fi. The IP is
used only as a cache key for a minute, never stored in the database.
"""

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from .identity import ensure_browser_id

DEFAULT_RATES = {
    "ask": {"browser": "3/m", "ip": "120/m"},
    "vote": {"browser": "30/m", "ip": "1200/m"},
}


def rates_for(action):
    """The limits for `action` ("ask" or "vote"), from RECAP_QUESTIONS_RATES if set."""
    configured = getattr(settings, "RECAP_QUESTIONS_RATES", {}) or {}
    return {**DEFAULT_RATES[action], **configured.get(action, {})}


def _browser(group, request):
    return ensure_browser_id(request)


def over_limit(request, action):
    """Count one `action` for this browser and IP; True when either is over its limit."""
    rates = rates_for(action)
    by_browser = is_ratelimited(
        request,
        group=f"recap_questions.{action}.browser",
        key=_browser,
        rate=rates["browser"],
        increment=True,
    )
    by_ip = is_ratelimited(
        request,
        group=f"recap_questions.{action}.ip",
        key="ip",
        rate=rates["ip"],
        increment=True,
    )
    return by_browser or by_ip
