"""Rate limits for asking, voting and new browser ids, counted in Django's cache.

django-ratelimit increments a counter per window with the cache's atomic
`incr` (Redis in production, so every app server shares the counts). Asking
and voting each have two limits:

- a tight one per browser (its signed cookie id), which stops one person
  sending too much;
- a generous one per IP address, which stops a flood from a client that
  drops its cookie on every request. A whole venue shares one address behind
  its Wi-Fi, so the defaults let a 2,000-seat room through: 10 questions and
  200 votes a second from one address, sustained (twice what such a room
  sends at its busiest).

A request over its browser limit is refused before it counts against the
address, so one abuser cannot use up the venue's shared allowance.

New browser ids (see identity.py) are limited per address only: 200 a
minute by default, so 2,000 delegates arriving behind one NAT over ten
minutes each get one, while a script that drops its cookie gets at most 200
ids, so 200 votes per question, a minute (100 of them in 30 seconds).

The address is `client_ip(request)`: REMOTE_ADDR, or, behind proxies, the
address the nearest untrusted hop gave, read from RECAP_CLIENT_IP_HEADER as
proxies write it (see docs/security.md). It is used only as a cache key for
a minute, never stored in the database. A missing or malformed header falls
back to REMOTE_ADDR: never a 500.

Rates come from RECAP_QUESTIONS_RATES (README, "Configuration"). When the
cache is unreachable the reference site counts in each process's memory (its
"ratelimit" cache, see recap/core/cache.py) rather than refusing everyone.
"""

import ipaddress

from django.conf import settings
from django_ratelimit.core import is_ratelimited

from .identity import read_browser_id

DEFAULT_RATES = {
    "ask": {"browser": "3/m", "ip": "600/m"},
    "vote": {"browser": "30/m", "ip": "12000/m"},
    "identity": {"ip": "200/m"},
}

BROWSER = "browser"
IP = "ip"
# What every client with no usable address shares (a Unix socket with no
# proxy header, say): one bucket rather than an error.
UNKNOWN_ADDRESS = "0.0.0.0"  # noqa: S104 (a key, never bound)


def rates_for(action):
    """The limits for `action` ("ask", "vote" or "identity"), from
    RECAP_QUESTIONS_RATES if set."""
    configured = getattr(settings, "RECAP_QUESTIONS_RATES", {}) or {}
    return {**DEFAULT_RATES[action], **configured.get(action, {})}


def _meta_key(header):
    """ "X-Forwarded-For" or "HTTP_X_FORWARDED_FOR" -> the request.META key."""
    key = header.strip().upper().replace("-", "_")
    return key if key.startswith("HTTP_") or key == "REMOTE_ADDR" else f"HTTP_{key}"


def _address(value):
    """`value` as a normalised IP address, or None when it is not one."""
    value = (value or "").strip()
    if value.startswith("[") and "]" in value:  # "[2001:db8::1]:443"
        value = value[1 : value.index("]")]
    elif value.count(":") == 1 and "." in value:  # "192.0.2.1:443"
        value = value.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _header_name():
    """The header that carries the client's address: RECAP_CLIENT_IP_HEADER,
    else django-ratelimit's RATELIMIT_IP_META_KEY when it names a header (a
    plain string such as "HTTP_X_REAL_IP"), else None (REMOTE_ADDR)."""
    header = getattr(settings, "RECAP_CLIENT_IP_HEADER", None)
    if not header:
        meta_key = getattr(settings, "RATELIMIT_IP_META_KEY", None)
        if isinstance(meta_key, str) and "." not in meta_key:
            header = meta_key
    return _meta_key(header) if header else None


def client_ip(request):
    """The client's IP address, as the nearest proxy we trust saw it.

    With no header configured it is REMOTE_ADDR. With RECAP_CLIENT_IP_HEADER
    (e.g. "X-Forwarded-For") the header is read as proxies write it, a comma
    list each proxy appends to: with RECAP_TRUSTED_PROXIES = n (default 1),
    the n-th address from the right, the one the outermost trusted proxy
    received the request from (addresses further left are whatever the
    client sent, so never trusted). A missing, empty, short or malformed
    header falls back to REMOTE_ADDR; an unusable REMOTE_ADDR to 0.0.0.0.

    Hosts may set RATELIMIT_IP_META_KEY = "recap.questions.ratelimit.client_ip"
    so that django-ratelimit's own "ip" key reads the address the same way.
    """
    header = _header_name()
    if header and header != "REMOTE_ADDR":
        hops = [hop for hop in request.META.get(header, "").split(",") if hop.strip()]
        trusted = getattr(settings, "RECAP_TRUSTED_PROXIES", 1)
        try:
            trusted = max(int(trusted), 1)
        except (TypeError, ValueError):
            trusted = 1
        if len(hops) >= trusted:
            address = _address(hops[-trusted])
            if address is not None:
                return address
    return _address(request.META.get("REMOTE_ADDR")) or UNKNOWN_ADDRESS


def _ip(group, request):
    """The rate-limit key for an address: an IPv6 client's /64 (one home or
    phone has a whole /64), an IPv4 client's address, as django-ratelimit's
    "ip" key does by default."""
    address = client_ip(request)
    if ":" in address:
        network = ipaddress.ip_network(f"{address}/64", strict=False)
        return str(network.network_address)
    return address


def _browser(group, request):
    # A browser refused a new id shares its address's count.
    return read_browser_id(request) or f"address:{_ip(group, request)}"


def allow_new_identity(request):
    """Count one new browser id for this address; False when it has had its
    share this minute (the page then offers no id; see identity.py)."""
    return not is_ratelimited(
        request,
        group="recap_questions.identity.ip",
        key=_ip,
        rate=rates_for("identity")[IP],
        increment=True,
    )


def over_limit(request, action):
    """Count one `action` from this browser and address.

    The browser's id must be known already (identity.py). Returns None when
    it may go ahead, or which limit it is over: BROWSER (this browser sent
    too many) or IP (too many from this address).
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
        key=_ip,
        rate=rates[IP],
        increment=True,
    ):
        return IP
    return None
