"""Wagtail's Editors and Moderators may translate (simple_translation's
"submit translation" permission), so the people who edit the programme see
"Translate" on its pages and snippets. A group a site has deleted or renamed
is left alone (recap.core.groups)."""

from django.db import migrations

from recap.core.groups import EDITORS, MODERATORS, grant_to_groups, revoke_from_groups

GRANTS = {
    EDITORS: {"translation": ["submit"]},
    MODERATORS: {"translation": ["submit"]},
}


def grant(apps, schema_editor):
    grant_to_groups(apps, "simple_translation", GRANTS)


def revoke(apps, schema_editor):
    revoke_from_groups(apps, "simple_translation", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0001_squashed_0002_verbose_names_in_french"),
        ("simple_translation", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
