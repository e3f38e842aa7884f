"""`manage.py load_demo`: the reference site's demo content (see home/demo.py)."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from home.demo import DemoLoader


class Command(BaseCommand):
    help = (
        "Load the demo: a London social media conference, its panels and speakers, an "
        "evening talk, the write-up that followed, and upcoming events. Safe to run again: "
        "existing records are kept as they are and nothing is duplicated."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="Print nothing but errors.")

    def handle(self, *args, quiet=False, **options):
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
