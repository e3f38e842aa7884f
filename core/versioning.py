"""One version for everything readers see that Recap caches.

Cached fragments (the programme grid, a speaker's session lists), feeds and
pages put ``content_version()`` and the active language in their cache
keys. Any change a reader could see (a page published, unpublished, moved or
deleted, or its privacy changed; a speaker, topic, resource or image edited;
a question moderated) calls ``bump_content_version()``, so the next request
misses and renders afresh: nothing stale is ever served, and nothing needs to
know which keys a change touches.

The version lives in the database, in the one row of
``recap.core.models.ContentVersion``: every process (app servers, workers,
``manage.py`` commands, a shell) reads and bumps the same row, whichever
cache it has or whether that cache is up. The cache only holds values under
keys made from it; a key whose version has passed is never read again.

Ordering (why a reader never pairs the new version with the old content):

- A bump is one ``UPDATE ... SET value = value + 1`` run in the caller's
  transaction, from the signal receivers of the change. It becomes visible
  at the commit that makes the change visible, never before: a reader sees
  both or neither. (A bump outside a transaction runs after the change it
  follows has committed: the same holds.) Until the writer commits, other
  writers' bumps wait for its row lock, and readers still read the old value.
- A reader reads the version *before* the content it keys: ``cached()``
  builds its key, reading the version, before it calls ``compute()``.
  Every statement (PostgreSQL's READ COMMITTED, SQLite) sees every
  transaction committed before it started, so content read after a version
  is at least as new as that version. A commit that lands between the two
  reads only puts newer content under the older key, which is never wrong.
  Code that reads content first (e.g. a page routed before its view asks for
  the version) must read the version before storing what it renders, or
  pass the version it read first, as ``page_cache.store()`` takes it.
- Within a request the version is read once, at its first use, and kept for
  the rest of the request (a request that began before a commit is served as
  if it ran wholly before it); the next request reads it again. Outside a
  request (commands, a shell, tasks) every call reads the database.
- A request that bumps the version (an editor's POST) stores nothing through
  ``cached()`` for the rest of it: what it would store was read inside its
  own, not yet committed, transaction (rolled back, its version would later
  name another change's content). Code that stores under
  ``content_version()`` itself does so only for requests that change
  nothing (GET, HEAD).

The value is the row's random epoch and its counter: the counter never goes
back in one database, and a database made afresh (a new site, a flushed
test database) starts a new epoch, so a key a surviving cache holds is never
named again. After restoring a database backup over a running site, clear
the cache (docs/caching.md).

Core connects the page signals every page type sends; apps above connect
their own models (events: speakers, topics, resources; questions:
moderation) to ``bump_content_version``.
"""

import secrets
from contextvars import ContextVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import F
from django.db.models.signals import post_delete, post_save
from django.utils.translation import get_language
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

# The primary key of the one ContentVersion row (made by core's first migration).
ROW_ID = 1
# Fragments and feeds are kept this long at most (their keys change anyway on
# every edit); a day keeps a quiet site's cache warm.
FRAGMENT_TIMEOUT = 60 * 60 * 24

# Per request (a dict: "version", "bumped"), None outside a request. A
# context variable: each thread, and each asyncio task, has its own.
_request = ContextVar("recap_content_version_request", default=None)


def new_epoch():
    return secrets.token_hex(6)


def _version_model():
    from .models import ContentVersion

    return ContentVersion


def _ensure_row():
    """Make the row if it is missing (a database made without the
    migrations' data, or whose row was deleted); returns whether it made it."""
    _row, created = _version_model().objects.get_or_create(
        pk=ROW_ID, defaults={"epoch": new_epoch()}
    )
    return created


def read_content_version():
    """The version as the database holds it now (one query)."""
    row = _version_model().objects.filter(pk=ROW_ID).values_list("epoch", "value").first()
    if row is None:
        _ensure_row()
        row = _version_model().objects.filter(pk=ROW_ID).values_list("epoch", "value").get()
    return f"{row[0]}-{row[1]}"


def content_version():
    """The current version (a short string): read once per request, else
    from the database on every call."""
    state = _request.get()
    if state is None:
        return read_content_version()
    version = state.get("version")
    if version is None:
        version = state["version"] = read_content_version()
    return version


def bump_content_version(*args, **kwargs):
    """Make every cached fragment, feed and page stale (usable as a signal
    receiver): one UPDATE, in the caller's transaction."""
    model = _version_model()
    if not model.objects.filter(pk=ROW_ID).update(value=F("value") + 1):
        # No row: a new one (a new epoch) is itself a new version, unless
        # another process made it meanwhile.
        if not _ensure_row():
            model.objects.filter(pk=ROW_ID).update(value=F("value") + 1)
    state = _request.get()
    if state is not None:
        state.pop("version", None)
        state["bumped"] = True


def request_started_receiver(**kwargs):
    _request.set({})


def request_finished_receiver(**kwargs):
    _request.set(None)


def connect_request_signals():
    """Read the version once per request (see the module's docstring)."""
    request_started.connect(request_started_receiver, dispatch_uid="recap_content_version_start")
    request_finished.connect(request_finished_receiver, dispatch_uid="recap_content_version_finish")


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
        state = _request.get()
        if state is None or not state.get("bumped"):
            cache.set(full_key, value, timeout)
    return value
