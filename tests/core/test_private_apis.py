"""Pins what core/private_apis.py relies on in Django (docs/private-apis.md).

If a Django upgrade changes one of these, this file fails by name: update
core/private_apis.py (or drop the piece if Django no longer needs it)."""

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

from recap.core.cache import FailSafeRedisCache
from recap.core.private_apis import ReusedRedisCacheClient, reuse_redis_clients

# Nothing here connects: building clients and pools does not.
UNUSED = "redis://127.0.0.1:1/0"


def test_django_redis_cache_makes_its_client_from_its_class_attribute():
    cache = RedisCache(UNUSED, {})
    assert cache._class is RedisCacheClient

    reuse_redis_clients(cache)

    assert type(cache._cache) is ReusedRedisCacheClient


def test_django_redis_client_keeps_a_pool_and_names_the_client_class():
    client = RedisCacheClient([UNUSED])

    pool = client._get_connection_pool(True)

    assert isinstance(pool, redis.ConnectionPool)
    assert client._get_connection_pool(True) is pool
    assert client._client is redis.Redis


def test_django_still_makes_a_client_per_operation():
    """The reason for the piece: when this fails, Django reuses clients
    itself and ReusedRedisCacheClient can go."""
    client = RedisCacheClient([UNUSED])

    assert client.get_client(write=True) is not client.get_client(write=True)


def test_reused_client_is_one_redis_per_pool():
    client = ReusedRedisCacheClient([UNUSED])

    first = client.get_client(write=True)

    assert isinstance(first, redis.Redis)
    assert client.get_client(write=True) is first
    assert client.get_client() is first  # one server: reads share the pool


def test_failsafe_cache_uses_the_reused_client():
    cache = FailSafeRedisCache(UNUSED, {"OPTIONS": {}})

    assert type(cache._cache) is ReusedRedisCacheClient
