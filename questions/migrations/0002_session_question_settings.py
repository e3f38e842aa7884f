"""A session's question settings move from SessionPage (recap_events) into
the questions app: one row per session, from the columns recap_events 0003
left in SessionPage's table (it only took them out of the model, whatever
the order in which the apps were installed); copied back when migrating
backwards. Plain SQL: the historical SessionPage no longer has the fields."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

FIELDS = ("questions_open", "questions_close_at", "questions_auto_approve")


def _tables(apps, schema_editor):
    """The two tables, quoted, or None when SessionPage's table has no
    settings columns to copy (a database that never had them)."""
    connection = schema_editor.connection
    sessions = apps.get_model("recap_events", "SessionPage")._meta.db_table
    settings = apps.get_model("recap_questions", "SessionQuestionSettings")._meta.db_table
    with connection.cursor() as cursor:
        columns = {
            column.name for column in connection.introspection.get_table_description(cursor, sessions)
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


class Migration(migrations.Migration):
    dependencies = [
        ("recap_events", "0003_remove_session_question_settings"),
        ("recap_questions", "0001_squashed_0003_verbose_names_in_french"),
    ]

    operations = [
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
    ]
