"""recap_questions's migrations since the first release, squashed.

In order:

- A session's question settings move from SessionPage (recap_events) into
  this app: one row per session, copied from the columns recap_events left in
  SessionPage's table (it only took them out of the model, whatever the order
  in which the apps were installed), and copied back when migrating
  backwards. Plain SQL: the historical SessionPage no longer has the fields.
  A database whose SessionPage table never had the columns (one made after
  they were left out) has nothing to copy.
- The present mode's version counter, one row per session.
- A question may be answered in a chapter of the session's recording.
- When a question was asked (the questions already stored were asked when
  they were recorded) and its written answer.

A database that applied the migrations listed in `replaces` is taken as
having applied this one; a new database applies it in one step.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
from django.conf import settings
from django.db import migrations, models
from django.db.models import F

FIELDS = ("questions_open", "questions_close_at", "questions_auto_approve")


def _tables(apps, schema_editor):
    """The two tables, quoted, or None when SessionPage's table has no
    settings columns to copy (a database that never had them)."""
    connection = schema_editor.connection
    sessions = apps.get_model("recap_events", "SessionPage")._meta.db_table
    settings = apps.get_model("recap_questions", "SessionQuestionSettings")._meta.db_table
    with connection.cursor() as cursor:
        columns = {
            column.name
            for column in connection.introspection.get_table_description(cursor, sessions)
        }
    if not set(FIELDS) <= columns:
        return None
    quote = schema_editor.quote_name
    return quote(sessions), quote(settings)


def copy_to_settings(apps, schema_editor):
    tables = _tables(apps, schema_editor)
    if tables is None:
        return
    sessions, settings = tables
    columns = ", ".join(FIELDS)
    schema_editor.execute(
        f"INSERT INTO {settings} (session_id, {columns}) SELECT page_ptr_id, {columns} FROM {sessions}"
    )


def copy_back(apps, schema_editor):
    tables = _tables(apps, schema_editor)
    if tables is None:
        return
    sessions, settings = tables
    values = ", ".join(
        f"{name} = (SELECT s.{name} FROM {settings} s WHERE s.session_id = {sessions}.page_ptr_id)"
        for name in FIELDS
    )
    schema_editor.execute(
        f"UPDATE {sessions} SET {values} WHERE EXISTS "
        f"(SELECT 1 FROM {settings} s WHERE s.session_id = {sessions}.page_ptr_id)"
    )


def asked_when_recorded(apps, schema_editor):
    """Questions stored before `asked_at` existed were asked when they were
    recorded: their time asked is their creation time."""
    DelegateQuestion = apps.get_model("recap_questions", "DelegateQuestion")
    DelegateQuestion.objects.update(asked_at=F("created_at"))


class Migration(migrations.Migration):
    replaces = [
        ("recap_questions", "0002_session_question_settings"),
        ("recap_questions", "0003_present_version"),
        ("recap_questions", "0004_question_answered_in_chapter"),
        ("recap_questions", "0005_question_asked_at_and_written_answer"),
    ]

    dependencies = [
        ("recap_events", "0002_squashed_0005_eventpage_publish_speaker_materials"),
        ("recap_questions", "0001_squashed_0003_verbose_names_in_french"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        # 0002_session_question_settings
        migrations.CreateModel(
            name="SessionQuestionSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
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
                    "session",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="recap_question_settings",
                        to="recap_events.sessionpage",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "question settings",
                "verbose_name_plural": "question settings",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("session",), name="recap_question_settings_once"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_to_settings, copy_back),
        # 0003_present_version
        migrations.CreateModel(
            name="PresentVersion",
            fields=[
                (
                    "session",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="recap_events.sessionpage",
                        verbose_name="session",
                    ),
                ),
                ("value", models.BigIntegerField(default=0, verbose_name="version")),
            ],
            options={
                "verbose_name": "present-mode version",
            },
        ),
        # 0004_question_answered_in_chapter
        migrations.AddField(
            model_name="delegatequestion",
            name="answered_in_chapter",
            field=models.ForeignKey(
                blank=True,
                help_text="The moment of the session's recording where it was answered.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="recap_events.sessionchapter",
                verbose_name="answered in chapter",
            ),
        ),
        # 0005_question_asked_at_and_written_answer
        migrations.RemoveConstraint(
            model_name="delegatequestion",
            name="recap_question_source_valid",
        ),
        migrations.AddField(
            model_name="delegatequestion",
            name="asked_at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, verbose_name="asked at"
            ),
        ),
        migrations.AddField(
            model_name="delegatequestion",
            name="written_answer",
            field=models.TextField(blank=True, verbose_name="written answer"),
        ),
        migrations.AddField(
            model_name="delegatequestion",
            name="written_answer_at",
            field=models.DateTimeField(
                blank=True, editable=False, null=True, verbose_name="written answer added at"
            ),
        ),
        migrations.AddField(
            model_name="delegatequestion",
            name="written_answer_by",
            field=models.CharField(
                blank=True,
                help_text="Who answers, as the public sees it (a speaker's name, say).",
                max_length=150,
                verbose_name="answered by",
            ),
        ),
        migrations.AlterField(
            model_name="delegatequestion",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, db_index=True, verbose_name="recorded at"
            ),
        ),
        migrations.AlterField(
            model_name="delegatequestion",
            name="source",
            field=models.CharField(
                choices=[
                    ("online", "Online form"),
                    ("room", "In the room"),
                    ("email", "By email"),
                    ("after", "After the session"),
                    ("social", "Social media"),
                    ("reader", "Reader response"),
                ],
                default="online",
                max_length=10,
                verbose_name="source",
            ),
        ),
        migrations.AddConstraint(
            model_name="delegatequestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("source__in", ["online", "room", "email", "after", "social", "reader"])
                ),
                name="recap_question_source_valid",
            ),
        ),
        # Last: data after every change of the table's schema (PostgreSQL).
        migrations.RunPython(asked_when_recorded, migrations.RunPython.noop),
    ]
