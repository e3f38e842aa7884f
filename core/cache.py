"""A Redis cache that fails safe: the site stays up when Redis does not.

The cache makes things fast, never correct. `FailSafeRedisCache` is Django's
own `RedisCache` whose operations, when Redis cannot be reached, behave as an
empty cache that keeps nothing: reads are misses (or the default), writes
are dropped, `incr` raises ValueError as for a missing key. Pages then render
uncached, and questions and votes (stored in the database) are still taken.

Two things keep a dead Redis cheap:

- short socket timeouts and no retries by default (a refused connection
  fails at once; a host that drops packets costs at most the connect
  timeout), overridable in OPTIONS;
- after a failure every process stops asking Redis for `RETRY_INTERVAL`
  seconds, then tries again. A warning is logged once per interval, not per
  request.

With `OPTIONS = {"LOCAL_FALLBACK": True}`, what would be dropped goes instead
to a per-process local-memory cache while Redis is unreachable. Use it only
for rate-limit counters (the reference site's "ratelimit" cache): each app
server then counts on its own, which is still a limit; for anything shared,
such as invalidation counters, a per-process copy would be wrong.
"""

import logging
import threading
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from .private_apis import reuse_redis_clients

logger = logging.getLogger("recap.cache")

RETRY_INTERVAL = 5.0
DEFAULT_CONNECTION_OPTIONS = {
    "socket_connect_timeout": 0.25,
    "socket_timeout": 0.5,
    # redis-py retries with a backoff by default: seconds per request when down.
    "retry": None,
    "retry_on_error": [],
}
# OSError covers a refused or reset socket that redis-py did not wrap.
UNREACHABLE = (RedisConnectionError, RedisTimeoutError, OSError)

# Shared by every thread's cache instance (Django makes one per thread), keyed
# by LOCATION, so a dead Redis is noticed and reported once per process.
_lock = threading.Lock()
_down_until = {}
_warned_at = {}
_local_fallbacks = {}


class _Missing:
    pass


MISSING = _Missing()


class FailSafeRedisCache(RedisCache):
    """Django's RedisCache that answers as an empty cache while Redis is unreachable."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self.local_fallback = bool(options.pop("LOCAL_FALLBACK", False))
        self.retry_interval = float(options.pop("RETRY_INTERVAL", RETRY_INTERVAL))
        params["OPTIONS"] = {**DEFAULT_CONNECTION_OPTIONS, **options}
        super().__init__(server, params)
        # One redis client per pool: the one private piece, kept in private_apis.
        reuse_redis_clients(self)
        self.redis_location = server if isinstance(server, str) else ",".join(server)
        self.fallback_params = params

    # -- state shared by the process ---------------------------------------

    def is_unreachable(self):
        """True while this process is skipping Redis after a failure."""
        return _down_until.get(self.redis_location, 0.0) > time.monotonic()

    def _mark_down(self, error):
        now = time.monotonic()
        with _lock:
            _down_until[self.redis_location] = now + self.retry_interval
            last = _warned_at.get(self.redis_location)
            warn = last is None or now - last >= self.retry_interval
            if warn:
                _warned_at[self.redis_location] = now
        if warn:
            logger.warning(
                "Redis is unreachable (%s: %s); serving without the cache%s, trying again in %.0f s.",
                type(error).__name__,
                error,
                " (rate limits count per process)" if self.local_fallback else "",
                self.retry_interval,
            )

    def _mark_up(self):
        if self.redis_location in _down_until:
            with _lock:
                was_down = _down_until.pop(self.redis_location, None) is not None
                _warned_at.pop(self.redis_location, None)
            if was_down:
                logger.warning("Redis answers again; the cache is back in use.")

    def _local(self):
        with _lock:
            local = _local_fallbacks.get(self.redis_location)
            if local is None:
                local = LocMemCache(f"recap-fallback-{self.redis_location}", self.fallback_params)
                _local_fallbacks[self.redis_location] = local
        return local

    def _call(self, operation, fallback, *args, **kwargs):
        """Run `operation` on Redis; when Redis is unreachable, run `fallback`
        (the local cache's method when LOCAL_FALLBACK is on, else a no-op)."""
        if not self.is_unreachable():
            try:
                result = operation(*args, **kwargs)
            except UNREACHABLE as error:
                self._mark_down(error)
            else:
                self._mark_up()
                return result
        return fallback(*args, **kwargs)

    def _fallback(self, name, default):
        if self.local_fallback:
            return getattr(self._local(), name)

        def dropped(*args, **kwargs):
            # What an empty cache that keeps nothing would answer.
            return default() if callable(default) else default

        return dropped

    # -- the cache API ------------------------------------------------------

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, self._fallback("add", False), key, value, timeout, version)

    def get(self, key, default=None, version=None):
        return self._call(
            super().get, self._fallback("get", lambda: default), key, default, version
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, self._fallback("set", None), key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, self._fallback("touch", False), key, timeout, version)

    def delete(self, key, version=None):
        return self._call(super().delete, self._fallback("delete", False), key, version)

    def get_many(self, keys, version=None):
        keys = list(keys)
        return self._call(super().get_many, self._fallback("get_many", dict), keys, version)

    def has_key(self, key, version=None):
        return self._call(super().has_key, self._fallback("has_key", False), key, version)

    def incr(self, key, delta=1, version=None):
        def missing(*args, **kwargs):
            raise ValueError(f"Key '{key}' not found (Redis is unreachable).")

        fallback = self._local().incr if self.local_fallback else missing
        return self._call(super().incr, fallback, key, delta, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            super().set_many, self._fallback("set_many", list), data, timeout, version
        )

    def delete_many(self, keys, version=None):
        keys = list(keys)
        return self._call(super().delete_many, self._fallback("delete_many", None), keys, version)

    def clear(self):
        if self.local_fallback:
            self._local().clear()
        return self._call(super().clear, lambda: None)
