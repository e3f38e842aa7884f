"""manage.py check_resource_links: do resources' links still answer?"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from tqdm import tqdm

from recap.core.translations import canonical
from recap.resources.links import check_resource, is_broken
from recap.resources.models import Resource


class Command(BaseCommand):
    # The help texts of Recap's commands stay in English, as Django's own do;
    # what a command prints for a person to read is translated.
    help = (
        "Checks every resource's URL and stores the HTTP status it answered with; "
        "lists the broken ones. Exits with status 0 even when links are broken."
    )

    def add_arguments(self, parser):
        parser.add_argument("--timeout", type=float, default=10, help="Seconds to wait per link.")
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, timeout, quiet, **options):
        # Canonical records: a translation shares its resource's link.
        resources = list(canonical(Resource.objects.exclude(url="")).order_by("pk"))
        broken = []
        for resource in tqdm(
            resources, desc=_("Links"), unit=_("link"), disable=quiet or not resources
        ):
            status = check_resource(resource, timeout=timeout)
            if is_broken(status):
                broken.append((resource, status))
        for resource, status in broken:
            answer = f"HTTP {status}" if status else _("no answer")
            self.stdout.write(
                self.style.WARNING(
                    _("Broken: %(title)s <%(url)s> (%(answer)s)")
                    % {"title": resource.title, "url": resource.url, "answer": answer}
                )
            )
        self.stdout.write(
            _("Checked %(checked)s link(s); %(broken)s broken.")
            % {"checked": len(resources), "broken": len(broken)}
        )
