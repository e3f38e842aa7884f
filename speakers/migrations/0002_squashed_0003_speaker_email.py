"""recap_speakers's migrations since the first release, squashed.

In order:

- Recap's page models name their link to Wagtail's Page (``recap_<model>``)
  instead of Django's default reverse name (the class name), which a host's
  own page model of the same name claims too (fields.E304/E305). Only the
  state changes; no table is rebuilt.
- A speaker's email address, for the links that let them send materials.

A database that applied the migrations listed in `replaces` is taken as
having applied this one; a new database applies it in one step.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("recap_speakers", "0002_recap_reverse_names"),
        ("recap_speakers", "0003_speaker_email"),
    ]

    dependencies = [
        ("recap_speakers", "0001_squashed_0007_translatable"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # 0002_recap_reverse_names
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
        ),
        # 0003_speaker_email
        migrations.AddField(
            model_name="speaker",
            name="email",
            field=models.EmailField(
                blank=True,
                help_text="Private. Used to send the speaker their link to add slides and links.",
                max_length=254,
                verbose_name="email address",
            ),
        ),
    ]
