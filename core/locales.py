"""The site's language codes, known without a query on every request.

The language switcher (recap.core.language_links) needs the language codes
of the site's Locales on every page. They come from a small per-process
table of language code -> Locale id, read in one query:

- saving or deleting a Locale empties the table of the process that does it
  at once (and bumps the content version: cached fragments name pages of
  that locale);
- other processes (other app servers) read the table afresh at most
  ``REFRESH_SECONDS`` later.

Nothing here replaces or wraps Wagtail: Wagtail's own Locale lookups
(``Locale.get_active()``, ``.localized``) make their own queries.
"""

import threading
import time

from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale

from .versioning import bump_content_version

# How long another process may still use the Locale table after a change.
REFRESH_SECONDS = 300

_lock = threading.Lock()
# "ids": {language code: Locale id}, valid until "expires" (monotonic time).
_table = {"expires": 0.0, "ids": {}}


def _ids():
    now = time.monotonic()
    with _lock:
        ids = _table["ids"] if now < _table["expires"] else None
    if ids is None:
        ids = dict(Locale.objects.values_list("language_code", "pk"))
        with _lock:
            _table["ids"] = ids
            _table["expires"] = now + REFRESH_SECONDS
    return ids


def language_codes():
    """The language codes of the site's Locales (one: nothing is translated)."""
    return list(_ids())


def language_code_of(locale_id):
    """The language code of the Locale with id `locale_id` (None if unknown),
    from the same table: no query per page listed."""
    for code, pk in _ids().items():
        if pk == locale_id:
            return code
    return None


def forget_locales(**kwargs):
    """Empty the table, so the next lookup reads the Locales again."""
    with _lock:
        _table["expires"] = 0.0
        _table["ids"] = {}


def _locale_changed(**kwargs):
    forget_locales()
    bump_content_version()


def connect_locale_signals():
    """Forget the table (and bump the content version) when a Locale changes."""
    for signal in (post_save, post_delete):
        signal.connect(
            _locale_changed,
            sender=Locale,
            dispatch_uid=f"recap_locale_changed_{signal is post_save}",
        )
