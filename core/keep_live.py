"""A page published a moment ago is not taken offline by a save that loaded
it before.

Wagtail's edit view saves a page that is not live in full (the form's
``save(commit=True)``), ``live=False`` included. Its autosave posts the form
half a second after the editor stops typing; an editor who types and clicks
"Publish" within that time sends both requests together. When the autosave
request read the page before the publication committed and writes after
it, the page row ends ``live=False``: the editor was told "has been
published" (and the delegates were emailed), yet readers get a 404. Two
editors on one draft, one publishing while the other saves, meet the same.

``KeepLiveMixin`` closes it where the row is written: a whole-row save of a
page read from the database as not live, and still not live in memory,
first locks the stored row; if that row was published since (it is live,
and published at another time than this instance knows), the row is left as
it is. The request's revision is still saved (``save_revision`` writes only
its own fields), so nothing typed is lost: it is the page's newest draft, as
any change to a live page is. Unpublishing is not affected: it starts from
an instance that is live in memory.
"""

import logging

from django.db import transaction
from wagtail.models import Page

logger = logging.getLogger(__name__)


def published_since_loaded(page):
    """Whether the stored row of `page` is live from a publication that
    `page` (an instance in memory) has not seen. Locks the row until the
    surrounding transaction ends (on databases that lock rows)."""
    stored = (
        Page.objects.select_for_update()
        .filter(pk=page.pk)
        .values_list("live", "last_published_at")
        .first()
    )
    if stored is None:
        return False
    live, last_published_at = stored
    return live and last_published_at != page.last_published_at


class KeepLiveMixin:
    """For a page model: a whole-row save from an instance loaded from the
    database while not live, after which the page was published by another
    request or instance, leaves the published row alone (see the module's
    docstring).

    Only instances read as not live are guarded: unpublishing starts from an
    instance that is live in memory, and an instance made in code (a new page,
    a revision's object) was never read, so both save as they always did."""

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        # Django 6.1 passes `fetch_mode` too; whatever it passes goes on.
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._recap_read_live = instance.__dict__.get("live")  # None if deferred
        return instance

    def with_content_json(self, content):
        # The editor edits the latest revision's copy of the page (Wagtail's
        # documented hook for fields a revision must not overwrite): it
        # carries what was read of this page.
        obj = super().with_content_json(content)
        obj._recap_read_live = getattr(self, "_recap_read_live", None)
        return obj

    def save(self, *args, **kwargs):
        guarded = (
            self.pk is not None
            and not self.live
            and getattr(self, "_recap_read_live", None) is False
            and kwargs.get("update_fields") is None
        )
        if not guarded:
            result = super().save(*args, **kwargs)
        else:
            with transaction.atomic():
                if published_since_loaded(self):
                    logger.info(
                        "Page %s was published while this save was on its way; "
                        "its live row is kept and the change goes to its draft.",
                        self.pk,
                    )
                    return None
                result = super().save(*args, **kwargs)
        self._recap_read_live = self.live
        return result
