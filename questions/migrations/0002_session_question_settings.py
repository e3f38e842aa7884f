"""A session's question settings move from SessionPage (recap_events) into
the questions app: the rows are created from each session's values before
recap_events 0003 drops the columns (`run_before`), and copied back when
migrating backwards."""

import django.db.models.deletion
import modelcluster.fields
from django.db import migrations, models

FIELDS = ("questions_open", "questions_close_at", "questions_auto_approve")


def copy_to_settings(apps, schema_editor):
    SessionPage = apps.get_model("recap_events", "SessionPage")
    Settings = apps.get_model("recap_questions", "SessionQuestionSettings")
    db = schema_editor.connection.alias
    rows = SessionPage.objects.using(db).values_list("pk", *FIELDS).iterator()
    batch = []
    for pk, *values in rows:
        batch.append(Settings(session_id=pk, **dict(zip(FIELDS, values))))
        if len(batch) >= 1000:
            Settings.objects.using(db).bulk_create(batch)
            batch = []
    Settings.objects.using(db).bulk_create(batch)


def copy_back(apps, schema_editor):
    SessionPage = apps.get_model("recap_events", "SessionPage")
    Settings = apps.get_model("recap_questions", "SessionQuestionSettings")
    db = schema_editor.connection.alias
    for row in Settings.objects.using(db).values("session_id", *FIELDS).iterator():
        session_id = row.pop("session_id")
        SessionPage.objects.using(db).filter(pk=session_id).update(**row)


class Migration(migrations.Migration):
    dependencies = [
        ("recap_events", "0002_recap_reverse_names"),
        ("recap_questions", "0001_squashed_0003_verbose_names_in_french"),
    ]
    # The copy reads SessionPage's columns, which recap_events 0003 drops.
    run_before = [("recap_events", "0003_remove_session_question_settings")]

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
