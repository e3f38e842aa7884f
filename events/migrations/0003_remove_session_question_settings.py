"""The questions app owns a session's question settings now: its migration
0002_session_question_settings copies them first (it declares `run_before`
this one), so this app names nothing above it and a site without
recap.questions simply drops the columns."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("recap_events", "0002_recap_reverse_names"),
    ]

    operations = [
        migrations.RemoveField(model_name="sessionpage", name="questions_auto_approve"),
        migrations.RemoveField(model_name="sessionpage", name="questions_close_at"),
        migrations.RemoveField(model_name="sessionpage", name="questions_open"),
    ]
