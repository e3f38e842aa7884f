"""Remove names, organisations and emails from old delegate questions."""

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from recap.questions.purging import (
    BATCH_SIZE,
    purge_personal_data,
    questions_with_personal_data,
    retention_days,
)


class Command(BaseCommand):
    help = (
        "Blank the name, organisation and email (and email consent) of questions asked "
        "more than --older-than DAYS ago (default: RECAP_QUESTIONS_RETENTION_DAYS), "
        "re-index them so the search index forgets them too, and say how many were changed. "
        "Run it daily (cron or a systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            metavar="DAYS",
            help="Default: the RECAP_QUESTIONS_RETENTION_DAYS setting (90 days).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would change; change nothing."
        )

    def handle(self, *args, older_than, dry_run, **options):
        if older_than is None:
            older_than = retention_days()
            if older_than is None:
                raise CommandError(
                    "RECAP_QUESTIONS_RETENTION_DAYS is None: give --older-than DAYS."
                )
        if older_than < 0:
            raise CommandError("--older-than must be zero or more days.")
        queryset = questions_with_personal_data(older_than)
        ids = list(queryset.order_by("pk").values_list("pk", flat=True))
        if dry_run:
            self.stdout.write(f"Would purge personal data from {len(ids)} question(s).")
            return
        progress = tqdm(
            total=len(ids),
            unit="question",
            disable=len(ids) < BATCH_SIZE,
            # The stream call_command was given, else the process's.
            file=options.get("stderr") or sys.stderr,
        )
        with progress:
            changed, reindexed = purge_personal_data(ids, on_batch=progress.update)
        self.stdout.write(
            self.style.SUCCESS(
                f"Purged personal data from {changed} question(s); "
                f"re-indexed {reindexed} search index entr{'y' if reindexed == 1 else 'ies'}."
            )
        )
