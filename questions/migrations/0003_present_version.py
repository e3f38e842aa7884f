
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recap_events', '0003_remove_session_question_settings'),
        ('recap_questions', '0002_session_question_settings'),
    ]

    operations = [
        migrations.CreateModel(
            name='PresentVersion',
            fields=[
                ('session', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='recap_events.sessionpage', verbose_name='session')),
                ('value', models.BigIntegerField(default=0, verbose_name='version')),
            ],
            options={
                'verbose_name': 'present-mode version',
            },
        ),
    ]
