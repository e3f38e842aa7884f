"""Remove names, organisations and emails from old delegate questions."""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from tqdm import tqdm
from wagtail.search.backends import get_search_backends

from recap.questions.models import DelegateQuestion

BATCH_SIZE = 500


def questions_with_personal_data(older_than_days, now=None):
    """Questions asked more than `older_than_days` ago that still hold personal data."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=older_than_days)
    has_personal_data = ~Q(name="") | ~Q(organisation="") | ~Q(email="") | Q(email_consent=True)
    return DelegateQuestion.objects.filter(has_personal_data, created_at__lt=cutoff)


def reindex(ids):
    """Re-index the questions `ids` in every search backend, so the names and
    organisations just blanked leave the index too (a queryset update sends no
    signal, and indexing tasks may be queued); returns how many were re-indexed."""
    questions = list(DelegateQuestion.objects.filter(pk__in=ids))
    for backend in get_search_backends():
        backend.add_bulk(DelegateQuestion, questions)
    return len(questions)


class Command(BaseCommand):
    help = (
        "Blank the name, organisation and email (and email consent) of questions asked "
        "more than --older-than DAYS ago, re-index them so the search index forgets "
        "them too, and say how many were changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--older-than", type=int, required=True, metavar="DAYS")
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, older_than, dry_run, **options):
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        queryset = questions_with_personal_data(older_than)
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        if dry_run:
            self.stdout.write(f"Would purge personal data from {len(ids)} question(s).")
            return
        now = timezone.now()
        changed = reindexed = 0
        progress = tqdm(
            total=len(ids),
            unit="question",
            disable=len(ids) < BATCH_SIZE,
            file=self.stderr._out,
        )
        with progress:
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
                    reindexed += reindex(batch)
                progress.update(len(batch))
        self.stdout.write(
            self.style.SUCCESS(
                f"Purged personal data from {changed} question(s); "
                f"re-indexed {reindexed} search index entr{'y' if reindexed == 1 else 'ies'}."
            )
        )
