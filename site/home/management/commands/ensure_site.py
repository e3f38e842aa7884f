"""`manage.py ensure_site --host HOST --port PORT`: point the default Wagtail
Site at the address the site is served on.

Pages link through the request (recap.core.links), so they work on any host;
the Site record still matters where there is no request to follow: the
admin's "View live" links, previews' addresses, feeds written by a command.
`make run` calls this with its HOST and PORT; a production site sets its Site
once, here or in Settings > Sites in the admin.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

# Addresses a server listens on that a browser cannot open, or that a Site's
# root URL cannot hold (IPv6 literals): links name the machine instead.
LOCAL_ALIASES = {"0.0.0.0": "localhost", "::": "localhost", "::1": "localhost"}  # noqa: S104


class Command(BaseCommand):
    help = (
        "Set the default Wagtail Site's hostname and port (creating the Site on the first "
        "top-level page if there is none), so links built without a request, such as the "
        "admin's 'View live', name the address the site is served on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", required=True, help="Hostname, e.g. 127.0.0.1")
        parser.add_argument("--port", type=int, default=80, help="Port (default 80)")

    @transaction.atomic
    def handle(self, *args, host, port, **options):
        hostname = host.strip().strip("[]").lower()
        hostname = LOCAL_ALIASES.get(hostname, hostname)
        if not hostname or any(char in hostname for char in ":/ "):
            raise CommandError(f"{host!r} is not a hostname (give the port with --port).")
        if not 0 < port < 65536:
            raise CommandError(f"{port} is not a port number (1 to 65535).")
        site = Site.objects.filter(is_default_site=True).first()
        clash = Site.objects.filter(hostname=hostname, port=port)
        if site is not None:
            clash = clash.exclude(pk=site.pk)
        if clash.exists():
            raise CommandError(
                f"Another Site already uses {hostname}:{port}; change it in Settings > Sites."
            )
        if site is None:
            root_page = Page.objects.filter(depth=2).order_by("path").first()
            if root_page is None:
                raise CommandError("There is no page to be the Site's root: load some first.")
            site = Site(is_default_site=True, root_page=root_page, site_name="Recap")
        elif (site.hostname, site.port) == (hostname, port):
            self.stdout.write(f"The default Site is already {site.root_url}.")
            return
        site.hostname, site.port = hostname, port
        site.save()
        self.stdout.write(self.style.SUCCESS(f"The default Site is now {site.root_url}."))
