"""recap_speakers's migrations squashed before the first release.

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
from recap.core.groups import EDITORS, MODERATORS, grant_to_groups, revoke_from_groups

ALL = ["add", "change", "delete", "view"]


GRANTS = {EDITORS: {"speaker": ALL}, MODERATORS: {"speaker": ALL}}


def grant(apps, schema_editor):
    grant_to_groups(apps, "recap_speakers", GRANTS)


def revoke(apps, schema_editor):
    revoke_from_groups(apps, "recap_speakers", GRANTS)


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("recap_speakers", "0001_initial"),
        ("recap_speakers", "0002_default_group_permissions"),
        ("recap_speakers", "0003_cleaned_bio_text"),
        ("recap_speakers", "0004_verbose_names_in_french"),
        ("recap_speakers", "0005_translatable_bootstrap"),
        ("recap_speakers", "0006_existing_speakers_in_the_default_locale"),
        ("recap_speakers", "0007_translatable"),
    ]

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.CreateModel(
            name="SpeakerIndexPage",
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
                "verbose_name": "speaker directory",
                "verbose_name_plural": "speaker directories",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="Speaker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("translation_key", models.UUIDField(default=uuid.uuid4, editable=False)),
                ("name", models.CharField(max_length=200, verbose_name="name")),
                (
                    "slug",
                    models.SlugField(
                        help_text="Forms the speaker's public address, /speakers/<slug>/.",
                        max_length=200,
                        verbose_name="slug",
                    ),
                ),
                (
                    "sort_name",
                    models.CharField(
                        blank=True,
                        help_text="How the directory sorts this person, e.g. 'Okafor, Ada'. Left empty, the last word of the name is used.",
                        max_length=200,
                        verbose_name="sort name",
                    ),
                ),
                (
                    "job_title",
                    models.CharField(blank=True, max_length=200, verbose_name="job title"),
                ),
                (
                    "organisation",
                    models.CharField(
                        blank=True, db_index=True, max_length=200, verbose_name="organisation"
                    ),
                ),
                ("bio", wagtail.fields.RichTextField(blank=True, verbose_name="bio")),
                ("bio_text", models.TextField(blank=True, editable=False)),
                ("website", models.URLField(blank=True, verbose_name="website")),
                (
                    "x_handle",
                    models.CharField(
                        blank=True,
                        help_text="Without the @.",
                        max_length=50,
                        verbose_name="X/Twitter handle",
                    ),
                ),
                ("mastodon_url", models.URLField(blank=True, verbose_name="Mastodon profile")),
                (
                    "bluesky_handle",
                    models.CharField(
                        blank=True,
                        help_text="e.g. name.bsky.social",
                        max_length=253,
                        verbose_name="Bluesky handle",
                    ),
                ),
                ("linkedin_url", models.URLField(blank=True, verbose_name="LinkedIn profile")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
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
                (
                    "photo",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="photo",
                    ),
                ),
                (
                    "user",
                    models.OneToOneField(
                        blank=True,
                        help_text="The site account behind this person, if they write for the site.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="recap_speaker",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="site account",
                    ),
                ),
            ],
            options={
                "verbose_name": "speaker",
                "verbose_name_plural": "speakers",
                "ordering": ["sort_name", "name"],
                "abstract": False,
            },
            bases=(
                recap.core.stemming.StemmedSearch,
                wagtail.models.preview.PreviewableMixin,
                modelsearch.index.Indexed,
                models.Model,
            ),
        ),
        migrations.CreateModel(
            name="SpeakerAlias",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("slug", models.SlugField(max_length=200, unique=True)),
                (
                    "speaker",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="aliases",
                        to="recap_speakers.speaker",
                    ),
                ),
            ],
        ),
        migrations.AddConstraint(
            model_name="speaker",
            constraint=models.UniqueConstraint(
                fields=("slug", "locale"), name="recap_speaker_slug_per_locale"
            ),
        ),
        migrations.AlterUniqueTogether(
            name="speaker",
            unique_together={("translation_key", "locale")},
        ),
        migrations.RunPython(grant, revoke),
    ]
