"""Wagtail's Editors and Moderators groups may manage resources and topics
(see recap.core.groups); only moderators delete topics, which pages share."""

from django.db import migrations

from recap.core.groups import EDITORS, MODERATORS, grant_to_groups, revoke_from_groups

ALL = ["add", "change", "delete", "view"]
GRANTS = {
    EDITORS: {"resource": ALL, "topic": ["add", "change", "view"]},
    MODERATORS: {"resource": ALL, "topic": ALL},
}


def grant(apps, schema_editor):
    grant_to_groups(apps, "recap_resources", GRANTS)


def revoke(apps, schema_editor):
    revoke_from_groups(apps, "recap_resources", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("recap_resources", "0002_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
