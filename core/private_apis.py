"""Every private API of Django or Wagtail that Recap still uses, in one place.

Recap keeps to the public APIs of Django and Wagtail (docs/private-apis.md).
What is here is kept because a measured budget needs it; each piece has a
test that pins the behaviour it relies on (tests/core/test_private_apis.py),
so an upgrade that changes it fails there, by name, rather than somewhere
downstream.

**One Redis client per connection pool** (`ReusedRedisCacheClient`,
`reuse_redis_clients`). Django's `RedisCache` makes a new `redis.Redis` for
every operation, and making one copies its table of some 200 response
callbacks: about as long as the operation itself over a local socket, on
every cache read of every request. Measured on the reference machine, a
cache read costs 56 us of CPU with one client per pool, 154 us without: the
Q&A poll (a cache read, then a 304) is little else, and its budget is 1,000
polls a second on two cores. Django offers no public way to choose the
client class (`OPTIONS` chooses the pool and parser classes, not the client).
Relied on: `RedisCache._class` (the client class its `_cache` is made from),
`RedisCacheClient._get_connection_pool(write)` and `RedisCacheClient._client`
(the `redis.Redis` class).
"""

from django.core.cache.backends.redis import RedisCacheClient


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's client, keeping one `redis.Redis` per connection pool.

    A `redis.Redis` is safe to share between threads (each command takes a
    connection from the pool), so one per pool is enough."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.reused_clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self.reused_clients.get(id(pool))
        if client is None:
            client = self.reused_clients[id(pool)] = self._client(connection_pool=pool)
        return client


def reuse_redis_clients(cache):
    """Make `cache`, a Django `RedisCache` just built, use one client per pool."""
    cache._class = ReusedRedisCacheClient
