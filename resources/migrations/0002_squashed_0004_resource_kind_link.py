"""recap_resources's migrations since the first release, squashed.

In order:

- Recap's page models name their link to Wagtail's Page (``recap_<model>``)
  instead of Django's default reverse name (the class name), which a host's
  own page model of the same name claims too (fields.E304/E305). Only the
  state changes; no table is rebuilt.
- Topics have names in other languages (TopicName).
- A resource may be of the kind "Link".

A database that applied the migrations listed in `replaces` is taken as
having applied this one; a new database applies it in one step.
"""

import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    replaces = [
        ("recap_resources", "0002_recap_reverse_names"),
        ("recap_resources", "0003_topic_names"),
        ("recap_resources", "0004_resource_kind_link"),
    ]

    dependencies = [
        ("recap_resources", "0001_squashed_0008_translatable"),
        ("recap_speakers", "0002_squashed_0003_speaker_email"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [
        # 0002_recap_reverse_names
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="resourcelibrarypage",
                    name="page_ptr",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="recap_resourcelibrarypage",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="topicindexpage",
                    name="page_ptr",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="recap_topicindexpage",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
            ],
            database_operations=[],
        ),
        # 0003_topic_names
        migrations.CreateModel(
            name="TopicName",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                ("description", models.TextField(blank=True, verbose_name="description")),
                (
                    "locale",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="language",
                    ),
                ),
                (
                    "topic",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="names",
                        to="recap_resources.topic",
                    ),
                ),
            ],
            options={
                "verbose_name": "name in another language",
                "verbose_name_plural": "names in other languages",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("topic", "locale"), name="recap_topic_name_once"
                    )
                ],
            },
        ),
        # 0004_resource_kind_link
        migrations.RemoveConstraint(
            model_name="resource",
            name="recap_resource_kind_valid",
        ),
        migrations.AlterField(
            model_name="resource",
            name="kind",
            field=models.CharField(
                choices=[
                    ("article", "Article"),
                    ("video", "Video"),
                    ("slides", "Slides"),
                    ("research", "Research report"),
                    ("case_study", "Case study"),
                    ("book", "Book"),
                    ("podcast", "Podcast"),
                    ("image", "Image"),
                    ("document", "Document"),
                    ("link", "Link"),
                ],
                db_index=True,
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AddConstraint(
            model_name="resource",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    (
                        "kind__in",
                        [
                            "article",
                            "video",
                            "slides",
                            "research",
                            "case_study",
                            "book",
                            "podcast",
                            "image",
                            "document",
                            "link",
                        ],
                    )
                ),
                name="recap_resource_kind_valid",
            ),
        ),
    ]
