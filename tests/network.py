"""A guard that fails any network connection but the site's own database
and cache servers (which the demo talks to like any page does): the demo
must load offline."""

import socket
from urllib.parse import urlsplit


def site_services():
    """(host, port) of the site's own database and cache servers."""
    from django.conf import settings

    services = set()
    for database in settings.DATABASES.values():
        if database.get("HOST"):
            services.add((database["HOST"], int(database.get("PORT") or 5432)))
    for cache in settings.CACHES.values():
        locations = cache.get("LOCATION") or []
        for location in [locations] if isinstance(locations, str) else locations:
            parts = urlsplit(location)
            if parts.hostname:
                services.add((parts.hostname, parts.port or 6379))
    return services


def refuse_network(monkeypatch):
    """Through pytest's `monkeypatch` (undone after the test or context):
    connecting anywhere else raises AssertionError."""
    services = site_services()
    connect, create_connection, getaddrinfo = (
        socket.socket.connect,
        socket.create_connection,
        socket.getaddrinfo,
    )

    def guard(original, address_of):
        def call(*args, **kwargs):
            address = address_of(args)
            if isinstance(address, tuple) and tuple(address[:2]) in services:
                return original(*args, **kwargs)
            raise AssertionError(f"The demo tried to reach the network: {args!r}")

        return call

    monkeypatch.setattr(socket.socket, "connect", guard(connect, lambda args: args[1]))
    monkeypatch.setattr(socket, "create_connection", guard(create_connection, lambda a: a[0]))
    monkeypatch.setattr(socket, "getaddrinfo", guard(getaddrinfo, lambda args: args[:2]))
