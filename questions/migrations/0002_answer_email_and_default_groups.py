"""When the asker was emailed the answer; and the default permission groups
for questions (see recap.core.groups):

- Moderators (Wagtail's): moderate, capture, edit and delete questions.
- Editors (Wagtail's): see public questions (to cite them in write-ups) and
  capture questions, which wait for a moderator, as their page edits wait
  for a moderator to publish them.
- Question moderators (new): a volunteer who moderates the queue and
  captures questions in the room, with no page permission at all.
"""

from django.db import migrations, models

from recap.core.groups import EDITORS, MODERATORS, grant_to_groups, revoke_from_groups

QUESTION_MODERATORS = "Question moderators"
GRANTS = {
    MODERATORS: {"delegatequestion": ["add", "change", "delete", "view", "moderate"]},
    EDITORS: {"delegatequestion": ["add", "view"]},
    QUESTION_MODERATORS: {"delegatequestion": ["add", "change", "view", "moderate"]},
}


def grant(apps, schema_editor):
    grant_to_groups(apps, "recap_questions", GRANTS, create={QUESTION_MODERATORS})
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    access_admin = Permission.objects.filter(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    Group.objects.get(name=QUESTION_MODERATORS).permissions.add(*access_admin)


def revoke(apps, schema_editor):
    revoke_from_groups(apps, "recap_questions", GRANTS)


class Migration(migrations.Migration):
    dependencies = [
        ("recap_questions", "0001_initial"),
        ("wagtailcore", "0002_initial_data"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="delegatequestion",
            name="answer_emailed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(grant, revoke),
    ]
