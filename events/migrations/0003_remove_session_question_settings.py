"""A session's question settings belong to the questions app now (its model
SessionQuestionSettings): they leave SessionPage's model here.

The columns stay in the table, given database defaults so that rows saved
without them still insert: the questions app's migration 0002 (which depends
on this one) copies them into its own rows whenever it runs, even on a site
that installs recap.questions long after this migration ran. Dropping them
here would need the copy to run first, which only a dependency of this app on
the app above could promise (Django's `run_before` is one: it refuses to
migrate a site that ran this migration before installing recap.questions)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("recap_events", "0002_recap_reverse_names"),
    ]

    operations = [
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
    ]
