"""recap_resources's migrations squashed before the first release.

A new database gets the tables in one step; a database that applied the
released migrations listed in `replaces` is taken as having applied this one.
"""

import django.db.models.deletion
import modelsearch.index
import recap.core.stemming
import uuid
import wagtail.contrib.routable_page.models
import wagtail.fields
import wagtail.models.preview
from django.conf import settings
from django.db import migrations, models
import modelcluster.contrib.taggit
import modelcluster.fields
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
    initial = True

    replaces = [
        ("recap_resources", "0001_initial"),
        ("recap_resources", "0002_initial"),
        ("recap_resources", "0003_default_group_permissions"),
        ("recap_resources", "0004_topics_are_called_topics"),
        ("recap_resources", "0005_verbose_names_in_french"),
        ("recap_resources", "0006_translatable_bootstrap"),
        ("recap_resources", "0007_existing_resources_in_the_default_locale"),
        ("recap_resources", "0008_translatable"),
    ]

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("recap_speakers", "0001_squashed_0007_translatable"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="ResourceLibraryPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "resource library",
                "verbose_name_plural": "resource libraries",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="ResourceTopic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
            ],
            options={
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="Topic",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=100, unique=True, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(
                        allow_unicode=True, max_length=100, unique=True, verbose_name="slug"
                    ),
                ),
                ("description", models.TextField(blank=True, verbose_name="description")),
            ],
            options={
                "verbose_name": "topic",
                "verbose_name_plural": "topics",
                "ordering": ["name"],
            },
            bases=(recap.core.stemming.StemmedSearch, modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="TopicIndexPage",
            fields=[
                (
                    "page_ptr",
                    models.OneToOneField(
                        auto_created=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
            ],
            options={
                "verbose_name": "topic index",
                "verbose_name_plural": "topic indexes",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="Resource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("title", models.CharField(max_length=255, verbose_name="title")),
                (
                    "kind",
                    models.CharField(
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
                        ],
                        db_index=True,
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
                (
                    "embed_url",
                    models.URLField(
                        blank=True,
                        help_text="A video or audio page (YouTube, Vimeo...) to embed where the resource is shown.",
                        max_length=500,
                        verbose_name="embed URL",
                    ),
                ),
                (
                    "publisher",
                    models.CharField(blank=True, max_length=200, verbose_name="publisher"),
                ),
                ("author", models.CharField(blank=True, max_length=200, verbose_name="author")),
                ("published_on", models.DateField(blank=True, null=True, verbose_name="date")),
                (
                    "note",
                    models.TextField(
                        blank=True,
                        help_text="Why it is worth a look, in a sentence or two.",
                        verbose_name="note",
                    ),
                ),
                (
                    "link_checked_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="link checked at"
                    ),
                ),
                (
                    "link_status",
                    models.PositiveSmallIntegerField(
                        blank=True, editable=False, null=True, verbose_name="link status"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "document",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtaildocs.document",
                        verbose_name="document",
                    ),
                ),
                (
                    "image",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="image",
                    ),
                ),
                (
                    "latest_revision",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailcore.revision",
                        verbose_name="latest revision",
                    ),
                ),
                (
                    "locale",
                    models.ForeignKey(
                        editable=False,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to="wagtailcore.locale",
                        verbose_name="locale",
                    ),
                ),
            ],
            options={
                "verbose_name": "resource",
                "verbose_name_plural": "resources",
                "ordering": ["-published_on", "title"],
                "abstract": False,
            },
            bases=(
                recap.core.stemming.StemmedSearch,
                wagtail.models.preview.PreviewableMixin,
                modelsearch.index.Indexed,
                models.Model,
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="speakers",
            field=modelcluster.fields.ParentalManyToManyField(
                blank=True,
                related_name="resources",
                to="recap_speakers.speaker",
                verbose_name="speakers",
            ),
        ),
        migrations.AddField(
            model_name="resourcetopic",
            name="content_object",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_topics",
                to="recap_resources.resource",
            ),
        ),
        migrations.AddField(
            model_name="resourcetopic",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_resources",
                to="recap_resources.topic",
            ),
        ),
        migrations.AddField(
            model_name="resource",
            name="topics",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="New topics are added under Recap library › Topics.",
                through="recap_resources.ResourceTopic",
                to="recap_resources.Topic",
                verbose_name="topics",
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
                        ],
                    )
                ),
                name="recap_resource_kind_valid",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="resource",
            unique_together={("translation_key", "locale")},
        ),
        migrations.RunPython(grant, revoke),
    ]
