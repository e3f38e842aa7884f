"""Purging delegates' personal data (name, organisation, email) from old
questions, so that it happens without someone remembering to.

Two triggers, the same function: the `purge_question_personal_data` command
(for a daily cron job or systemd timer, see the README) and, as a safety net
on sites that schedule nothing, the moderation queue and the admin dashboard,
which run it at most once a day (a flag in the cache). The retention period
is `RECAP_QUESTIONS_RETENTION_DAYS` (default 90 days: long enough for the
write-up that answers a question to be published and its asker emailed).
`None` turns the automatic purge off; the command then needs --older-than.
"""

import datetime as dt
import logging

from django.core.cache import cache
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from .indexing import update_search_index
from .models import DEFAULT_RETENTION_DAYS, DelegateQuestion, retention_days

logger = logging.getLogger(__name__)

__all__ = ["DEFAULT_RETENTION_DAYS", "purge_if_due", "purge_personal_data", "retention_days"]

BATCH_SIZE = 500
PURGED_TODAY_KEY = "recap_questions:personal_data_purged"
ONCE_A_DAY = 24 * 60 * 60


def questions_with_personal_data(older_than_days, now=None):
    """Questions asked more than `older_than_days` ago that still hold personal data."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=older_than_days)
    has_personal_data = ~Q(name="") | ~Q(organisation="") | ~Q(email="") | Q(email_consent=True)
    return DelegateQuestion.objects.filter(has_personal_data, created_at__lt=cutoff)


def purge_personal_data(ids, on_batch=None):
    """Blank the personal data of the questions `ids`, in batches; returns
    (changed, re-indexed). `on_batch(count)` follows progress."""
    now = timezone.now()
    changed = reindexed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        with transaction.atomic():
            changed += DelegateQuestion.objects.filter(pk__in=batch).update(
                name="",
                organisation="",
                email="",
                email_consent=False,
                personal_data_purged_at=now,
                updated_at=now,
            )
            reindexed += update_search_index(batch, every_backend=True)
        if on_batch is not None:
            on_batch(len(batch))
    return changed, reindexed


def purge_if_due():
    """Purge questions older than the retention period, at most once a day
    across every app server; returns how many were purged (None: not due).

    The flag is added atomically (`cache.add`), so one request a day does the
    work. With the cache down nothing is purged here: the scheduled command
    remains the way that does not depend on anyone opening the admin."""
    days = retention_days()
    if days is None:
        return None
    try:
        due = cache.add(PURGED_TODAY_KEY, timezone.now().isoformat(), ONCE_A_DAY)
    except Exception:
        logger.warning("Cache unavailable: personal data not purged on this request")
        return None
    if not due:
        return None
    ids = list(questions_with_personal_data(days).order_by("pk").values_list("pk", flat=True))
    changed, _ = purge_personal_data(ids)
    if changed:
        logger.info("Purged personal data from %s question(s) older than %s days", changed, days)
    return changed
