"""Purges for a CDN in front of the site (``wagtail.contrib.frontend_cache``).

Wagtail purges a page's own URLs (its ``get_cached_paths()``) when that page
is published or unpublished. An event page also shows its sessions, and a
privacy change hides a page and everything under it, so, when the host has
installed ``wagtail.contrib.frontend_cache``:

- publishing or unpublishing a session purges its event page (the page, its
  programme views and its file-like routes: ``EventPage.get_cached_paths()``);
- adding, changing or removing a page's view restriction purges that page,
  every page under it, and its parent event when it is a session.

Without the app (the reference site's default) nothing here does anything.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from .models import EventPage, SessionPage

APP = "wagtail.contrib.frontend_cache"


def frontend_cache_installed():
    return apps.is_installed(APP)


def purge_pages(pages):
    """Purge the URLs of `pages` from the configured frontend caches."""
    if not frontend_cache_installed():
        return

    batch = PurgeBatch()
    batch.add_pages([page for page in pages if page is not None])
    batch.purge()


def _session_changed(instance, **kwargs):
    if frontend_cache_installed():
        purge_pages([EventPage.objects.parent_of(instance).first()])


def _privacy_changed(instance, **kwargs):
    if not frontend_cache_installed():
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is None:
        return
    pages = list(Page.objects.descendant_of(page, inclusive=True).live().specific())
    if isinstance(page.specific_deferred, SessionPage):
        pages.append(EventPage.objects.parent_of(page).first())
    purge_pages(pages)


def connect_frontend_cache_purges():
    """Connect the purges (they check at each change whether the app is installed)."""
    for signal, name in ((page_published, "published"), (page_unpublished, "unpublished")):
        signal.connect(
            _session_changed, sender=SessionPage, dispatch_uid=f"recap_purge_session_{name}"
        )
    for signal in (post_save, post_delete):
        signal.connect(
            _privacy_changed,
            sender=PageViewRestriction,
            dispatch_uid=f"recap_purge_privacy_{signal is post_save}",
        )
