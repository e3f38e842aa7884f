"""Wagtail's Locale rows, looked up without a query on every request.

With ``WAGTAIL_I18N_ENABLED`` Wagtail finds the active language's Locale on
every page it serves (``serve`` routes from ``site.root_page.localized``,
which calls ``Locale.get_active()``), and again wherever a page or snippet is
``.localized``: one ``SELECT ... FROM wagtailcore_locale`` each time, for a
row that changes about once in a site's life.

Every one of those lookups goes through ``Locale.objects.get_for_language()``
(``get_active()`` and ``get_default()`` call it), so that one method is
wrapped (``install()``, from CoreConfig.ready): it answers from a small
per-process table of language code -> Locale id, read in one query.

- Saving or deleting a Locale empties the table of the process that does it
  at once (and bumps the content version: cached fragments name pages of
  that locale).
- Other processes (other app servers) read the table afresh at most
  ``REFRESH_SECONDS`` later.
- A language code the table lacks is looked up in the database, as Wagtail
  does, so a locale added elsewhere is found at once.

The table is deliberately not kept in the cache nor tied to the content
version: both change on every publish (or are emptied), a Locale row does not.

Each call returns a new Locale instance (id and language code, as stored),
so no caller can change an object another request holds.
"""

import threading
import time

from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_delete, post_save
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.models.i18n import LocaleManager

from .versioning import bump_content_version

# How long another process may still use the Locale table after a change.
REFRESH_SECONDS = 300

_lock = threading.Lock()
# "ids": {language code: Locale id}, valid until "expires" (monotonic time).
_table = {"expires": 0.0, "ids": {}}
_wagtail_get_for_language = LocaleManager.get_for_language


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


def locale_id(language_code):
    """The id of the Locale for this (supported content) language code, or
    None when there is no such Locale."""
    ids = _ids()
    found = ids.get(language_code)
    if found is None:
        # Maybe added by another process since the table was read.
        found = (
            Locale.objects.filter(language_code=language_code).values_list("pk", flat=True).first()
        )
        if found is not None:
            with _lock:
                _table["ids"] = {**_table["ids"], language_code: found}
    return found


def get_for_language(manager, language_code):
    """``LocaleManager.get_for_language`` (same answers, same exceptions),
    answered from the table."""
    if manager.db != DEFAULT_DB_ALIAS:
        return _wagtail_get_for_language(manager, language_code)
    code = get_supported_content_language_variant(language_code)
    pk = locale_id(code)
    if pk is None:
        raise Locale.DoesNotExist(f"No Locale for the language code {code!r}.")
    locale = Locale(pk=pk, language_code=code)
    locale._state.adding = False
    locale._state.db = DEFAULT_DB_ALIAS
    return locale


def forget_locales(**kwargs):
    """Empty the table, so the next lookup reads the Locales again."""
    with _lock:
        _table["expires"] = 0.0
        _table["ids"] = {}


def _locale_changed(**kwargs):
    forget_locales()
    bump_content_version()


def install():
    """Route Wagtail's Locale lookups through the table."""
    LocaleManager.get_for_language = get_for_language
    for signal in (post_save, post_delete):
        signal.connect(
            _locale_changed,
            sender=Locale,
            dispatch_uid=f"recap_locale_changed_{signal is post_save}",
        )
