"""manage.py import_ics: import a programme from an iCalendar file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from recap.events.importing import (
    MAX_FILE_SIZE,
    SKIP,
    UNCHANGED,
    ImportRefused,
    apply_import,
    describe,
    plan_import,
)
from recap.events.models import EventIndexPage, EventPage

# Below this many sessions a progress bar is only noise.
PROGRESS_THRESHOLD = 50


class Command(BaseCommand):
    help = (
        "Import sessions from an .ics file (pretalx, Sessionize, Google Calendar, Outlook...). "
        "Idempotent by UID: importing again updates the same sessions. Without --event, the "
        "UIDs decide: sessions that exist update their event, otherwise a new event is created "
        "under the event index. Nothing is written if the file is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The .ics file to import.")
        parser.add_argument("--event", metavar="SLUG", help="Import into this event.")
        parser.add_argument(
            "--timezone",
            metavar="ZONE",
            help="IANA zone of a new event (default: X-WR-TIMEZONE, the first TZID, or UTC).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would happen; write nothing."
        )
        parser.add_argument(
            "--draft", action="store_true", help="Save as drafts instead of publishing."
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            if path.stat().st_size > MAX_FILE_SIZE:
                raise CommandError(
                    f"{path.name} is larger than {MAX_FILE_SIZE // 1024 // 1024} MB; refused."
                )
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        event = self.find_event(options["event"])
        try:
            plan = plan_import(data, path.name, event=event, zone_name=options["timezone"])
        except ImportRefused as exc:
            raise CommandError(f"{path.name} refused: {exc}") from exc

        verbosity = options["verbosity"]
        for item in plan.sessions:
            if (
                verbosity >= 2
                or item.action == SKIP
                or (options["dry_run"] and item.action != UNCHANGED)
            ):
                self.stdout.write(describe(item, plan.zone))
        if plan.widen_to:
            self.stdout.write(
                f"The event's dates will widen to fit its sessions ({plan.widen_to[0]:%d %b %Y} "
                f"to {plan.widen_to[1]:%d %b %Y})."
            )
        if options["dry_run"]:
            self.stdout.write("Dry run, nothing written: " + plan.summary())
            return

        index_page = None if plan.event else EventIndexPage.objects.first()
        bar_needed = len(plan.created) + len(plan.updated) >= PROGRESS_THRESHOLD
        progress = None
        if bar_needed and verbosity >= 1:

            def progress(items):
                return tqdm(items, desc="Importing sessions", unit="session", file=self.stderr)

        try:
            result = apply_import(
                plan,
                index_page=index_page,
                publish=not options["draft"],
                progress=progress,
            )
        except ImportRefused as exc:
            raise CommandError(f"{path.name} refused, nothing written: {exc}") from exc
        state = "saved as drafts" if options["draft"] else "published"
        self.stdout.write(
            self.style.SUCCESS(
                f"Imported into “{result.event.title}” ({state}): {result.created} created, "
                f"{result.updated} updated, {result.skipped} skipped or unchanged."
            )
        )

    def find_event(self, slug):
        if not slug:
            return None
        event = EventPage.objects.filter(slug=slug).first()
        if event is None:
            raise CommandError(f"No event with the slug “{slug}”.")
        return event
