"""`manage.py ensure_admin`: make sure the reference site has an admin to log in with."""

import os

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

USERNAME = "admin"
# For local development only (DEBUG on); the README documents it. With DEBUG off
# the password must come from RECAP_ADMIN_PASSWORD.
DEV_DEFAULT_PASSWORD = "recap-dev-admin"  # noqa: S105 (documented, DEBUG only)


class Command(BaseCommand):
    help = (
        "Create the superuser 'admin' if it does not exist, with the password in "
        "RECAP_ADMIN_PASSWORD (or, with DEBUG on only, the documented development default), "
        "and print how to log in. An existing admin is left as it is."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        password = os.environ.get("RECAP_ADMIN_PASSWORD", "")
        user = User.objects.filter(username=USERNAME).first()
        if user is not None:
            self.stdout.write(f"Admin user '{USERNAME}' already exists (password unchanged).")
            self.print_login("as set before")
            return
        if not password:
            if not settings.DEBUG:
                raise CommandError(
                    "Refusing to create an admin with the development password while DEBUG "
                    "is off. Set RECAP_ADMIN_PASSWORD and run this again."
                )
            password = DEV_DEFAULT_PASSWORD
        User.objects.create_superuser(USERNAME, email="admin@example.com", password=password)
        self.stdout.write(self.style.SUCCESS(f"Created admin user '{USERNAME}'."))
        # A password from the environment is a secret: name where it is, do not echo it.
        self.print_login(
            password if password == DEV_DEFAULT_PASSWORD else "the value of RECAP_ADMIN_PASSWORD"
        )

    def print_login(self, password_hint):
        # Where the site serves: `make run` sets WAGTAILADMIN_BASE_URL from
        # its HOST and PORT, so the login printed is the one that opens.
        base = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://127.0.0.1:8000"
        self.stdout.write(f"Log in at {base.rstrip('/')}{reverse('wagtailadmin_home')}")
        self.stdout.write(f"  user:     {USERNAME}")
        self.stdout.write(f"  password: {password_hint}")
