"""`manage.py load_demo`: the reference site's demo content (see home/demo.py).

- no option: the story (idempotent);
- `--refresh-dates`: move the events dated from today (the one on now and the
  upcoming ones) to today's positions; `make run` calls it after loading, so a
  demo loaded weeks ago still has an event on now and events to come;
- `--scale N`: a generated conference of N sessions, built in bulk, for
  `make bench` (see home/scale.py).
"""

import time

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from home.demo import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the demo: a London social media conference, its panels and speakers, an "
        "evening talk, the write-up that followed, and upcoming events. Safe to run again: "
        "existing records are kept as they are and nothing is duplicated. --refresh-dates "
        "moves the event on now and the upcoming events to today; --scale N builds a "
        "generated N-session conference for benchmarks."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")
        parser.add_argument(
            "--refresh-dates",
            action="store_true",
            help="Move the demo's event on now and its upcoming events (and their sessions) "
            "relative to today; nothing else changes.",
        )
        parser.add_argument(
            "--scale",
            type=int,
            metavar="N",
            help="Build a generated conference of N sessions over 3 days in 6 rooms, with "
            "1.5 N speakers, questions, votes and write-ups (for `make bench`).",
        )
        parser.add_argument(
            "--index",
            action="store_true",
            help="With --scale: add the generated records to the search index too (slow: "
            "about a minute for N = 1,000; without it they are not searchable).",
        )

    def handle(self, *args, quiet=False, refresh_dates=False, scale=None, **options):
        if scale is not None:
            return self.load_scale(scale, quiet=quiet, index=options["index"])
        if refresh_dates:
            moved = DemoLoader().refresh_dates()
            if not quiet:
                self.stdout.write(
                    self.style.SUCCESS(f"Demo dates refreshed: {moved} pages moved.")
                    if moved
                    else self.style.SUCCESS("Demo dates are current: nothing to move.")
                )
            return
        loader = DemoLoader()
        steps = loader.steps()
        bar = tqdm(total=len(steps), desc="Loading the demo", unit="step", disable=quiet)

        def progress(label):
            bar.set_postfix_str(label)
            bar.update(1)

        loader.progress = progress
        try:
            loader.run()
        finally:
            bar.close()
        if quiet:
            return
        created = sum(loader.created.values())
        if created:
            self.stdout.write(self.style.SUCCESS(f"Demo loaded: {created} records created."))
        else:
            self.stdout.write(self.style.SUCCESS("Demo already loaded: nothing to change."))
        for line in loader.summary_lines():
            self.stdout.write(f"  {line}")

    def load_scale(self, scale, *, quiet, index):
        from home.scale import build_scale

        if scale < 1:
            raise CommandError("--scale needs a number of sessions of at least 1.")
        began = time.perf_counter()
        bar = tqdm(desc=f"Building {scale} sessions", unit="step", disable=quiet)

        def progress(label):
            bar.set_postfix_str(label)
            bar.update(1)

        try:
            event, created = build_scale(scale, index=index, progress=progress)
        finally:
            bar.close()
        if quiet:
            return
        if created:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Built {event.title} at {event.url_path} in "
                    f"{time.perf_counter() - began:.1f} s."
                )
            )
        else:
            self.stdout.write(self.style.SUCCESS(f"{event.title} already there: nothing to do."))
