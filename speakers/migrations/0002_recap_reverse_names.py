"""Recap's page models name their link to Wagtail's Page (``recap_<model>``)
instead of taking Django's default reverse name (the class name), which a
host's own page model of the same name claims too (fields.E304/E305).

Only the state changes: the column, its key and its constraint stay as they
are (``related_name`` is not in the database; the explicit field is no longer
``auto_created``, which is not either), so no table is rebuilt.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recap_speakers", "0001_squashed_0007_translatable"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="speakerindexpage",
                    name="page_ptr",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="recap_speakerindexpage",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
            ],
            database_operations=[],
        )
    ]
