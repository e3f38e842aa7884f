"""One version for everything readers see that Recap caches.

Cached fragments (the programme grid, a speaker's session lists) and feeds
put ``content_version()`` and the active language in their cache keys. Any change a reader could see
(a page published, unpublished, moved or deleted; a speaker, topic, resource
or image edited; a question moderated) calls ``bump_content_version()``, so
the next request misses and renders afresh: nothing stale is ever served,
and nothing needs to know which keys a change touches.

The version lives in the default cache: with Redis it is shared by every app
server. Without Redis (local memory) it is per process, which is right for
`manage.py runserver` (one process, threads share it); a site served by
several processes without Redis must use a shared cache (see the README).
When the cache is unreachable every request gets a new version, i.e. renders
uncached: the cache makes pages fast, never correct.

Core connects the page signals every page type sends; apps above connect
their own models (events: speakers, topics, resources; questions:
moderation) to ``bump_content_version``.
"""

import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

VERSION_KEY = "recap:content-version"
# Fragments and feeds are kept this long at most (their keys change anyway on
# every edit); a day keeps a quiet site's cache warm.
FRAGMENT_TIMEOUT = 60 * 60 * 24


def content_version():
    """The current version (a short string), made on first use."""
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex[:12]
        # add(), not set(): two servers starting at once agree on one version.
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = cache.get(VERSION_KEY) or version
    return version


def bump_content_version(*args, **kwargs):
    """Forget every cached fragment and feed (usable as a signal receiver).

    A random new value, not a counter: a counter that was evicted and
    restarted could come back to a value whose fragments are still cached."""
    cache.set(VERSION_KEY, uuid.uuid4().hex[:12], timeout=None)


def connect_page_signals():
    """Bump on what changes the public page tree, for every page type."""
    for signal, name in (
        (page_published, "published"),
        (page_unpublished, "unpublished"),
        (post_page_move, "moved"),
    ):
        signal.connect(bump_content_version, dispatch_uid=f"recap_content_version_{name}")
    post_delete.connect(
        bump_content_version, sender=Page, dispatch_uid="recap_content_version_page_deleted"
    )
    for signal in (post_save, post_delete):
        signal.connect(
            bump_content_version,
            sender=PageViewRestriction,
            dispatch_uid=f"recap_content_version_privacy_{signal is post_save}",
        )
    # Hero images and photos (their titles are alt texts, their files change).
    connect_model(get_image_model())


def connect_model(model):
    """Bump when an instance of `model` is saved or deleted."""
    label = model._meta.label_lower
    for signal in (post_save, post_delete):
        signal.connect(
            bump_content_version,
            sender=model,
            dispatch_uid=f"recap_content_version_{label}_{signal is post_save}",
        )


_MISSING = object()


def cached(key, compute, timeout=FRAGMENT_TIMEOUT):
    """What `compute()` returns, computed once per content version and
    language (a filter's choices, the address of an index page): `key` names
    it, and must include whatever else it depends on (e.g. the request's
    host). The active language is part of every key, so a French page never
    gets what an English one computed."""
    full_key = f"recap:{content_version()}:{get_language() or ''}:{key}"
    value = cache.get(full_key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(full_key, value, timeout)
    return value
