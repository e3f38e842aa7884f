"""recap_events's migrations since the first release, squashed.

In order:

- Recap's page models name their link to Wagtail's Page (``recap_<model>``)
  instead of Django's default reverse name (the class name), which a host's
  own page model of the same name claims too (fields.E304/E305). Only the
  state changes; no table is rebuilt.
- A session's question settings leave SessionPage's model for the questions
  app (SessionQuestionSettings). Their columns stay in the table, with
  database defaults so that rows saved without them still insert: the
  questions app's second migration copies them into its own rows whenever it
  runs, also on a site that installs recap.questions long after this one ran.
  Dropping them would need that copy to run first, which only a dependency of
  this app on the app above could promise.
- Recordings, captions, chapters and an event's defaults for its sessions;
  SessionPage's new columns are added with ALTER TABLE on every database
  (see ``add_column``) so that the dormant columns above survive on SQLite.
- An event may publish its speakers' materials at once.

A database that applied the migrations listed in `replaces` is taken as
having applied this one; a new database applies it in one step.
"""

import datetime

import django.core.validators
import django.db.models.deletion
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models

SESSIONS = "recap_events_sessionpage"


def add_column(name, definition):
    """A column added with ALTER TABLE on every database. Django's SQLite
    backend rebuilds the table to add a NOT NULL column (or drop an indexed
    or constrained one) from the model's state, which would drop the
    question settings' dormant columns that this migration's step
    0003_remove_session_question_settings leaves for recap_questions 0002
    to copy."""
    return migrations.RunSQL(
        f'ALTER TABLE "{SESSIONS}" ADD COLUMN "{name}" {definition}',
        f'ALTER TABLE "{SESSIONS}" DROP COLUMN "{name}"',
    )


class Migration(migrations.Migration):
    replaces = [
        ("recap_events", "0002_recap_reverse_names"),
        ("recap_events", "0003_remove_session_question_settings"),
        ("recap_events", "0004_recordings_chapters_and_following"),
        ("recap_events", "0005_eventpage_publish_speaker_materials"),
    ]

    dependencies = [
        ("recap_events", "0001_squashed_0008_verbose_names_in_french"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        # 0002_recap_reverse_names
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="eventindexpage",
                    name="page_ptr",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="recap_eventindexpage",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="eventpage",
                    name="page_ptr",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="recap_eventpage",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
                migrations.AlterField(
                    model_name="sessionpage",
                    name="page_ptr",
                    field=models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        parent_link=True,
                        primary_key=True,
                        related_name="recap_sessionpage",
                        serialize=False,
                        to=settings.WAGTAIL_PAGE_MODEL,
                    ),
                ),
            ],
            database_operations=[],
        ),
        # 0003_remove_session_question_settings
        migrations.AlterField(
            model_name="sessionpage",
            name="questions_open",
            field=models.BooleanField(
                default=True,
                db_default=True,
                help_text="Delegates may ask questions on this session's page.",
                verbose_name="questions open",
            ),
        ),
        migrations.AlterField(
            model_name="sessionpage",
            name="questions_auto_approve",
            field=models.BooleanField(
                default=False,
                db_default=False,
                help_text="Show delegates' questions without waiting for a moderator.",
                verbose_name="publish questions at once",
            ),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="sessionpage", name="questions_auto_approve"),
                migrations.RemoveField(model_name="sessionpage", name="questions_close_at"),
                migrations.RemoveField(model_name="sessionpage", name="questions_open"),
            ],
        ),
        # 0004_recordings_chapters_and_following
        migrations.AddField(
            model_name="eventpage",
            name="default_language",
            field=models.CharField(
                blank=True,
                help_text="A language code, such as en or fr.",
                max_length=16,
                verbose_name="language of the talks",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="default_live_captions",
            field=models.CharField(
                choices=[("human", "By a person"), ("automatic", "Automatic"), ("none", "None")],
                default="none",
                max_length=20,
                verbose_name="live captions",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="default_recording_licence",
            field=models.CharField(
                blank=True,
                help_text="For example CC BY 4.0.",
                max_length=100,
                verbose_name="recordings' licence",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="default_recording_status",
            field=models.CharField(
                choices=[
                    ("will_be_recorded", "Will be recorded"),
                    ("recorded", "Recorded"),
                    ("not_recorded", "Not recorded"),
                    ("unknown", "Not known yet"),
                ],
                default="unknown",
                max_length=20,
                verbose_name="sessions recorded",
            ),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="default_sign_language",
            field=models.BooleanField(default=False, verbose_name="sign language interpretation"),
        ),
        migrations.AddField(
            model_name="eventpage",
            name="default_slides_in_advance",
            field=models.BooleanField(
                default=False, verbose_name="slides available before the talks"
            ),
        ),
        migrations.AddField(
            model_name="sessionpage",
            name="captions_document",
            field=models.ForeignKey(
                blank=True,
                help_text="A WebVTT (.vtt) file of the recording's captions.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="wagtaildocs.document",
                verbose_name="captions file",
                db_constraint=False,
                db_index=False,
            ),
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                add_column("captions_language", "varchar(16) DEFAULT '' NOT NULL")
            ],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="captions_language",
                    field=models.CharField(
                        blank=True,
                        help_text="A language code, such as en or fr. Empty: the language of the talk.",
                        max_length=16,
                        verbose_name="captions' language",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("captions_text", "text DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="captions_text",
                    field=models.TextField(
                        blank=True,
                        help_text="Or paste the WebVTT text here. The transcript is made from the captions.",
                        verbose_name="captions (WebVTT)",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("captions_vtt", "text DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="captions_vtt",
                    field=models.TextField(
                        blank=True, editable=False, verbose_name="captions in use"
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("language", "varchar(16) DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="language",
                    field=models.CharField(
                        blank=True,
                        help_text="A language code, such as en or fr. Empty: the event's language.",
                        max_length=16,
                        verbose_name="language of the talk",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("live_captions", "varchar(20) DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="live_captions",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("", "As the event"),
                            ("human", "By a person"),
                            ("automatic", "Automatic"),
                            ("none", "None"),
                        ],
                        default="",
                        max_length=20,
                        verbose_name="live captions",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[
                add_column("recording_licence", "varchar(100) DEFAULT '' NOT NULL")
            ],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="recording_licence",
                    field=models.CharField(
                        blank=True,
                        help_text="For example CC BY 4.0. Empty: the event's licence.",
                        max_length=100,
                        verbose_name="recording's licence",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("recording_optout", "boolean DEFAULT false NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="recording_optout",
                    field=models.BooleanField(
                        default=False,
                        help_text="The speakers do not consent to the recording being published.",
                        verbose_name="speakers opted out of the recording",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("recording_status", "varchar(20) DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="recording_status",
                    field=models.CharField(
                        blank=True,
                        choices=[
                            ("", "As the event"),
                            ("will_be_recorded", "Will be recorded"),
                            ("recorded", "Recorded"),
                            ("not_recorded", "Not recorded"),
                            ("unknown", "Not known yet"),
                        ],
                        default="",
                        max_length=20,
                        verbose_name="recorded",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("sign_language", "varchar(3) DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="sign_language",
                    field=models.CharField(
                        blank=True,
                        choices=[("", "As the event"), ("yes", "Yes"), ("no", "No")],
                        default="",
                        max_length=3,
                        verbose_name="sign language interpretation",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("slides_in_advance", "varchar(3) DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="slides_in_advance",
                    field=models.CharField(
                        blank=True,
                        choices=[("", "As the event"), ("yes", "Yes"), ("no", "No")],
                        default="",
                        max_length=3,
                        verbose_name="slides available before the talk",
                    ),
                ),
            ],
        ),
        migrations.SeparateDatabaseAndState(
            database_operations=[add_column("transcript_text", "text DEFAULT '' NOT NULL")],
            state_operations=[
                migrations.AddField(
                    model_name="sessionpage",
                    name="transcript_text",
                    field=models.TextField(blank=True, editable=False, verbose_name="transcript"),
                ),
            ],
        ),
        migrations.CreateModel(
            name="SessionChapter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                (
                    "start",
                    models.DurationField(
                        help_text="Time into the recording: 12:30 or 1:02:03.",
                        validators=[
                            django.core.validators.MinValueValidator(datetime.timedelta(0))
                        ],
                        verbose_name="starts at",
                    ),
                ),
                ("title", models.CharField(max_length=200, verbose_name="title")),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="chapters",
                        to="recap_events.sessionpage",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "chapter",
                "verbose_name_plural": "chapters",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        # 0005_eventpage_publish_speaker_materials
        migrations.AddField(
            model_name="eventpage",
            name="publish_speaker_materials",
            field=models.BooleanField(
                default=False,
                help_text="Slides, links and corrections sent through speaker links are published without waiting for an editor's approval.",
                verbose_name="publish speakers' materials at once",
            ),
        ),
    ]
