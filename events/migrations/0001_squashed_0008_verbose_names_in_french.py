"""recap_events's migrations squashed before the first release.

A new database gets the tables in one step; a database that applied the
released migrations listed in `replaces` is taken as having applied this one.
"""

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
import recap.core.stemming
import recap.events.models
import uuid
import wagtail.contrib.routable_page.models
import wagtail.fields
from django.conf import settings
from django.db import migrations, models
import modelcluster.contrib.taggit
import django.db.models.functions.text


class Migration(migrations.Migration):
    initial = True

    replaces = [
        ("recap_events", "0001_initial"),
        ("recap_events", "0002_initial"),
        ("recap_events", "0003_initial"),
        ("recap_events", "0004_questions_close_when_the_session_ends"),
        ("recap_events", "0005_rooms_as_records"),
        ("recap_events", "0006_topics_are_called_topics"),
        ("recap_events", "0007_cleaned_intro_and_abstract_text"),
        ("recap_events", "0008_verbose_names_in_french"),
    ]

    dependencies = [
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("recap_resources", "0001_squashed_0008_translatable"),
        ("recap_speakers", "0001_squashed_0007_translatable"),
    ]

    operations = [
        migrations.CreateModel(
            name="Agenda",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "token",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="token"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
            ],
        ),
        migrations.CreateModel(
            name="EventIndexPage",
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
                "verbose_name": "event index",
            },
            bases=(wagtail.contrib.routable_page.models.RoutablePageMixin, "wagtailcore.page"),
        ),
        migrations.CreateModel(
            name="EventRoom",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("name", models.CharField(max_length=100, verbose_name="name")),
            ],
            options={
                "verbose_name": "room",
                "verbose_name_plural": "rooms",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="EventTopic",
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
            name="SessionPage",
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
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("keynote", "Keynote"),
                            ("panel", "Panel"),
                            ("talk", "Talk"),
                            ("workshop", "Workshop"),
                            ("fireside", "Fireside chat"),
                            ("lightning", "Lightning talk"),
                            ("networking", "Networking"),
                            ("break", "Break"),
                            ("other", "Other"),
                        ],
                        default="talk",
                        max_length=20,
                        verbose_name="kind",
                    ),
                ),
                (
                    "start",
                    models.DateTimeField(
                        help_text="In the event's time zone.", verbose_name="start"
                    ),
                ),
                (
                    "end",
                    models.DateTimeField(help_text="In the event's time zone.", verbose_name="end"),
                ),
                ("track", models.CharField(blank=True, max_length=100, verbose_name="track")),
                ("abstract", wagtail.fields.RichTextField(blank=True, verbose_name="abstract")),
                (
                    "abstract_text",
                    models.TextField(
                        blank=True, editable=False, verbose_name="abstract as plain text"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("scheduled", "Scheduled"), ("cancelled", "Cancelled")],
                        default="scheduled",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "recording_url",
                    models.URLField(
                        blank=True,
                        help_text="A video page of the recording, shown as an embed.",
                        verbose_name="recording",
                    ),
                ),
                (
                    "questions_open",
                    models.BooleanField(
                        default=True,
                        help_text="Delegates may ask questions on this session's page.",
                        verbose_name="questions open",
                    ),
                ),
                (
                    "questions_close_at",
                    models.DateTimeField(
                        blank=True,
                        help_text="Left empty, questions close when the session ends.",
                        null=True,
                        verbose_name="questions close at",
                    ),
                ),
                (
                    "questions_auto_approve",
                    models.BooleanField(
                        default=False,
                        help_text="Show delegates' questions without waiting for a moderator.",
                        verbose_name="publish questions at once",
                    ),
                ),
                (
                    "calendar_uid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="calendar UID"
                    ),
                ),
                (
                    "sequence",
                    models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="calendar sequence"
                    ),
                ),
            ],
            options={
                "verbose_name": "session",
            },
            bases=(
                recap.core.stemming.StemmedSearch,
                wagtail.contrib.routable_page.models.RoutablePageMixin,
                "wagtailcore.page",
            ),
        ),
        migrations.CreateModel(
            name="SessionResource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="SessionSpeaker",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "role",
                    models.CharField(
                        choices=[
                            ("speaker", "Speaker"),
                            ("panellist", "Panellist"),
                            ("moderator", "Moderator"),
                            ("chair", "Chair"),
                            ("host", "Host"),
                        ],
                        default="speaker",
                        max_length=20,
                        verbose_name="role",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="SessionTopic",
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
            name="AgendaItem",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("added_at", models.DateTimeField(auto_now_add=True, verbose_name="added at")),
                (
                    "agenda",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="items",
                        to="recap_events.agenda",
                        verbose_name="agenda",
                    ),
                ),
            ],
        ),
        migrations.CreateModel(
            name="EventPage",
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
                (
                    "start",
                    models.DateTimeField(
                        help_text="In the event's time zone.", verbose_name="start"
                    ),
                ),
                (
                    "end",
                    models.DateTimeField(help_text="In the event's time zone.", verbose_name="end"),
                ),
                (
                    "time_zone",
                    models.CharField(
                        choices=recap.events.models.time_zone_choices,
                        default="Europe/London",
                        help_text="Where the event happens; every time is shown to readers in this zone.",
                        max_length=64,
                        verbose_name="time zone",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("scheduled", "Scheduled"),
                            ("postponed", "Postponed"),
                            ("cancelled", "Cancelled"),
                        ],
                        default="scheduled",
                        max_length=20,
                        verbose_name="status",
                    ),
                ),
                (
                    "venue_name",
                    models.CharField(blank=True, max_length=200, verbose_name="venue name"),
                ),
                (
                    "venue_address",
                    models.CharField(blank=True, max_length=255, verbose_name="venue address"),
                ),
                ("city", models.CharField(blank=True, max_length=100, verbose_name="city")),
                ("country", models.CharField(blank=True, max_length=100, verbose_name="country")),
                (
                    "latitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(-90),
                            django.core.validators.MaxValueValidator(90),
                        ],
                        verbose_name="latitude",
                    ),
                ),
                (
                    "longitude",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=9,
                        null=True,
                        validators=[
                            django.core.validators.MinValueValidator(-180),
                            django.core.validators.MaxValueValidator(180),
                        ],
                        verbose_name="longitude",
                    ),
                ),
                (
                    "online_url",
                    models.URLField(
                        blank=True,
                        help_text="Where to watch, for online or hybrid events.",
                        verbose_name="online URL",
                    ),
                ),
                (
                    "organiser",
                    models.CharField(blank=True, max_length=200, verbose_name="organiser"),
                ),
                (
                    "hashtag",
                    models.CharField(
                        blank=True,
                        help_text="Without the #.",
                        max_length=100,
                        verbose_name="hashtag",
                    ),
                ),
                ("website", models.URLField(blank=True, verbose_name="website")),
                ("intro", wagtail.fields.RichTextField(blank=True, verbose_name="introduction")),
                (
                    "intro_text",
                    models.TextField(
                        blank=True, editable=False, verbose_name="introduction as plain text"
                    ),
                ),
                (
                    "calendar_uid",
                    models.UUIDField(
                        default=uuid.uuid4, editable=False, unique=True, verbose_name="calendar UID"
                    ),
                ),
                (
                    "sequence",
                    models.PositiveIntegerField(
                        default=0, editable=False, verbose_name="calendar sequence"
                    ),
                ),
                (
                    "hero_image",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="hero image",
                    ),
                ),
            ],
            options={
                "verbose_name": "event",
            },
            bases=(
                recap.core.stemming.StemmedSearch,
                wagtail.contrib.routable_page.models.RoutablePageMixin,
                "wagtailcore.page",
            ),
        ),
        migrations.CreateModel(
            name="EventGalleryImage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("caption", models.CharField(blank=True, max_length=255, verbose_name="caption")),
                (
                    "image",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailimages.image",
                        verbose_name="image",
                    ),
                ),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="gallery_images",
                        to="recap_events.eventpage",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.CreateModel(
            name="EventResource",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="resource_links",
                        to="recap_events.eventpage",
                        verbose_name="event",
                    ),
                ),
            ],
            options={
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddField(
            model_name="eventresource",
            name="resource",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="event_links",
                to="recap_resources.resource",
                verbose_name="resource",
            ),
        ),
        migrations.AddField(
            model_name="eventroom",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="rooms",
                to="recap_events.eventpage",
                verbose_name="event",
            ),
        ),
        migrations.AddField(
            model_name="eventtopic",
            name="content_object",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_topics",
                to="recap_events.eventpage",
                verbose_name="event",
            ),
        ),
        migrations.AddField(
            model_name="eventtopic",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_events",
                to="recap_resources.topic",
                verbose_name="topic",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="topics",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="New topics are added under Recap library › Topics.",
                through="recap_events.EventTopic",
                to="recap_resources.Topic",
                verbose_name="topics",
            ),
        ),
        migrations.AddField(
            model_name="sessionpage",
            name="room",
            field=models.ForeignKey(
                blank=True,
                help_text="One of the event's rooms; add rooms on the event.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="sessions",
                to="recap_events.eventroom",
                verbose_name="room",
            ),
        ),
        migrations.AddField(
            model_name="agendaitem",
            name="session",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="recap_events.sessionpage",
                verbose_name="session",
            ),
        ),
        migrations.AddField(
            model_name="sessionresource",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="resource_links",
                to="recap_events.sessionpage",
                verbose_name="session",
            ),
        ),
        migrations.AddField(
            model_name="sessionresource",
            name="resource",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="session_links",
                to="recap_resources.resource",
                verbose_name="resource",
            ),
        ),
        migrations.AddField(
            model_name="sessionspeaker",
            name="page",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="speaker_links",
                to="recap_events.sessionpage",
                verbose_name="session",
            ),
        ),
        migrations.AddField(
            model_name="sessionspeaker",
            name="speaker",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="session_links",
                to="recap_speakers.speaker",
                verbose_name="speaker",
            ),
        ),
        migrations.AddField(
            model_name="sessiontopic",
            name="content_object",
            field=modelcluster.fields.ParentalKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_topics",
                to="recap_events.sessionpage",
                verbose_name="session",
            ),
        ),
        migrations.AddField(
            model_name="sessiontopic",
            name="tag",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="tagged_sessions",
                to="recap_resources.topic",
                verbose_name="topic",
            ),
        ),
        migrations.AddField(
            model_name="sessionpage",
            name="topics",
            field=modelcluster.contrib.taggit.ClusterTaggableManager(
                blank=True,
                help_text="New topics are added under Recap library › Topics.",
                through="recap_events.SessionTopic",
                to="recap_resources.Topic",
                verbose_name="topics",
            ),
        ),
        migrations.AddConstraint(
            model_name="eventresource",
            constraint=models.UniqueConstraint(
                fields=("page", "resource"), name="recap_event_resource_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="eventroom",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                models.F("page"),
                name="recap_event_room_name_once",
                violation_error_message="This event already has a room of this name.",
            ),
        ),
        migrations.AddConstraint(
            model_name="agendaitem",
            constraint=models.UniqueConstraint(
                fields=("agenda", "session"), name="recap_agenda_item_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionresource",
            constraint=models.UniqueConstraint(
                fields=("page", "resource"), name="recap_session_resource_once"
            ),
        ),
        migrations.AddConstraint(
            model_name="sessionspeaker",
            constraint=models.UniqueConstraint(
                fields=("page", "speaker"), name="recap_session_speaker_once"
            ),
        ),
    ]
