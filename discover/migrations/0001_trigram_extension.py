"""The pg_trgm extension on PostgreSQL, for the search's "Did you mean"
(recap.discover.corrections). Nothing on other databases."""

from django.db import migrations


def trigram_extension():
    try:
        from django.contrib.postgres.operations import TrigramExtension
    except ImportError:
        # No PostgreSQL driver installed: the site runs on another database.
        return []
    # It creates the extension on PostgreSQL only (and if missing).
    return [TrigramExtension()]


class Migration(migrations.Migration):
    dependencies = []

    operations = trigram_extension()
