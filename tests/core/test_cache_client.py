"""The fail-safe Redis cache keeps one redis client per connection pool
(Django makes one per operation, which costs as much as the operation)."""

from recap.core.cache import FailSafeRedisCache
from tests.core.test_cache import redis_server  # noqa: F401 (a fixture)


def test_failsafe_cache_reuses_one_redis_client_per_connection_pool(
    redis_server,  # noqa: F811
):
    cache = FailSafeRedisCache(redis_server.url, {"KEY_PREFIX": "t", "OPTIONS": {}})
    cache.set("key", "value")
    first = cache._cache.get_client(write=True)

    assert cache.get("key") == "value"
    assert cache._cache.get_client(write=True) is first
    assert cache._cache.get_client() is first
