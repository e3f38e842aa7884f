"""recap_questions's migrations squashed before the first release.

A new database gets the tables in one step; a database that applied the
released migrations listed in `replaces` is taken as having applied this one.
"""

import django.db.models.deletion
import modelsearch.index
from django.conf import settings
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
    initial = True

    replaces = [
        ("recap_questions", "0001_initial"),
        ("recap_questions", "0002_answer_email_and_default_groups"),
        ("recap_questions", "0003_verbose_names_in_french"),
    ]

    dependencies = [
        ("recap_events", "0001_squashed_0008_verbose_names_in_french"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [
        migrations.CreateModel(
            name="DelegateQuestion",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.TextField(max_length=500, verbose_name="question")),
                (
                    "original_text",
                    models.TextField(
                        blank=True,
                        editable=False,
                        help_text="The text as submitted, kept when a moderator edits it.",
                        verbose_name="original text",
                    ),
                ),
                ("name", models.CharField(blank=True, max_length=100, verbose_name="name")),
                (
                    "organisation",
                    models.CharField(blank=True, max_length=150, verbose_name="organisation"),
                ),
                ("email", models.EmailField(blank=True, max_length=254, verbose_name="email")),
                ("email_consent", models.BooleanField(default=False, verbose_name="email consent")),
                (
                    "source",
                    models.CharField(
                        choices=[
                            ("online", "Online form"),
                            ("room", "In the room"),
                            ("social", "Social media"),
                            ("reader", "Reader response"),
                        ],
                        default="online",
                        max_length=10,
                        verbose_name="source",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("pending", "Pending"),
                            ("approved", "Approved"),
                            ("rejected", "Rejected"),
                            ("answered", "Answered"),
                            ("archived", "Archived"),
                        ],
                        db_index=True,
                        default="pending",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                ("highlighted", models.BooleanField(default=False, verbose_name="highlighted")),
                ("votes", models.PositiveIntegerField(default=0, verbose_name="votes")),
                ("moderator_note", models.TextField(blank=True, verbose_name="moderator note")),
                (
                    "rejection_reason",
                    models.CharField(blank=True, max_length=255, verbose_name="rejection reason"),
                ),
                (
                    "submission_token",
                    models.UUIDField(
                        blank=True,
                        editable=False,
                        null=True,
                        unique=True,
                        verbose_name="submission token",
                    ),
                ),
                (
                    "asker_key",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        editable=False,
                        max_length=64,
                        verbose_name="asker key",
                    ),
                ),
                (
                    "personal_data_purged_at",
                    models.DateTimeField(
                        blank=True,
                        editable=False,
                        null=True,
                        verbose_name="personal data purged at",
                    ),
                ),
                (
                    "answer_emailed_at",
                    models.DateTimeField(
                        blank=True, editable=False, null=True, verbose_name="answer emailed at"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="asked at"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "answered_in",
                    models.ForeignKey(
                        blank=True,
                        help_text="The write-up that answers this question (set when it is published).",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="answered in",
                    ),
                ),
                (
                    "event",
                    models.ForeignKey(
                        blank=True,
                        help_text="Filled from the session when there is one.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questions",
                        to="recap_events.eventpage",
                        verbose_name="event",
                    ),
                ),
                (
                    "page",
                    models.ForeignKey(
                        blank=True,
                        help_text="For reader responses: the write-up responded to.",
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to=settings.WAGTAIL_PAGE_MODEL,
                        verbose_name="page",
                    ),
                ),
                (
                    "session",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="questions",
                        to="recap_events.sessionpage",
                        verbose_name="session",
                    ),
                ),
            ],
            options={
                "verbose_name": "delegate question",
                "verbose_name_plural": "delegate questions",
                "ordering": ["-created_at"],
                "permissions": [("moderate_delegatequestion", "Can moderate delegate questions")],
            },
            bases=(modelsearch.index.Indexed, models.Model),
        ),
        migrations.CreateModel(
            name="QuestionVote",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("voter_key", models.CharField(max_length=64, verbose_name="voter key")),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="voted at")),
                (
                    "question",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="recap_questions.delegatequestion",
                        verbose_name="question",
                    ),
                ),
            ],
        ),
        migrations.AddIndex(
            model_name="delegatequestion",
            index=models.Index(
                fields=["session", "status", "-votes"], name="recap_quest_session_a41eb4_idx"
            ),
        ),
        migrations.AddConstraint(
            model_name="delegatequestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status__in", ["pending", "approved", "rejected", "answered", "archived"])
                ),
                name="recap_question_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="delegatequestion",
            constraint=models.CheckConstraint(
                condition=models.Q(("source__in", ["online", "room", "social", "reader"])),
                name="recap_question_source_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="delegatequestion",
            constraint=models.CheckConstraint(
                condition=models.Q(("email", ""), ("email_consent", True), _connector="OR"),
                name="recap_question_email_needs_consent",
            ),
        ),
        migrations.AddConstraint(
            model_name="delegatequestion",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("session__isnull", False),
                    ("event__isnull", False),
                    ("page__isnull", False),
                    _connector="OR",
                ),
                name="recap_question_has_a_place",
            ),
        ),
        migrations.AddConstraint(
            model_name="questionvote",
            constraint=models.UniqueConstraint(
                fields=("question", "voter_key"), name="recap_vote_once"
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
