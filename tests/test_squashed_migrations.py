"""Each app's released migrations are squashed into one, and those that came
after the release into a second; a database that applied either set upgrades
without applying anything twice.

Two squashes rather than one: Django takes a squashed migration as applied
only when all or none of the migrations it replaces are; a single one
replacing both sets would strand a database that applied only the released
ones (some of its replaced migrations applied, the newer ones not on disk)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

# What the first release shipped: the contract with existing databases.
RELEASED = {
    "recap_speakers": [
        "0001_initial",
        "0002_default_group_permissions",
        "0003_cleaned_bio_text",
        "0004_verbose_names_in_french",
        "0005_translatable_bootstrap",
        "0006_existing_speakers_in_the_default_locale",
        "0007_translatable",
    ],
    "recap_resources": [
        "0001_initial",
        "0002_initial",
        "0003_default_group_permissions",
        "0004_topics_are_called_topics",
        "0005_verbose_names_in_french",
        "0006_translatable_bootstrap",
        "0007_existing_resources_in_the_default_locale",
        "0008_translatable",
    ],
    "recap_events": [
        "0001_initial",
        "0002_initial",
        "0003_initial",
        "0004_questions_close_when_the_session_ends",
        "0005_rooms_as_records",
        "0006_topics_are_called_topics",
        "0007_cleaned_intro_and_abstract_text",
        "0008_verbose_names_in_french",
    ],
    "recap_questions": [
        "0001_initial",
        "0002_answer_email_and_default_groups",
        "0003_verbose_names_in_french",
    ],
    "recap_writeups": [
        "0001_initial",
        "0002_topics_are_called_topics",
        "0003_several_events_and_lenient_video",
        "0004_verbose_names_in_french",
    ],
    "home": ["0001_initial", "0002_verbose_names_in_french"],
}


# What came after it, up to the second squash: the contract with databases
# made since (the reference site's, a host's trying Recap out).
SINCE = {
    "recap_speakers": ["0002_recap_reverse_names", "0003_speaker_email"],
    "recap_resources": ["0002_recap_reverse_names", "0003_topic_names", "0004_resource_kind_link"],
    "recap_events": [
        "0002_recap_reverse_names",
        "0003_remove_session_question_settings",
        "0004_recordings_chapters_and_following",
        "0005_eventpage_publish_speaker_materials",
    ],
    "recap_questions": [
        "0002_session_question_settings",
        "0003_present_version",
        "0004_question_answered_in_chapter",
        "0005_question_asked_at_and_written_answer",
    ],
}


def squashed(label):
    return f"0001_squashed_{RELEASED[label][-1]}"


def squashed_since(label):
    return f"0002_squashed_{SINCE[label][-1]}"


def record_only(recorder, applied):
    """The migrations table as a site's reads that applied `applied` (app
    label to names) and nothing later of those apps."""
    for label, names in applied.items():
        recorder.migration_qs.filter(app=label).exclude(name__in=names).delete()
        for name in names:
            recorder.migration_qs.get_or_create(app=label, name=name)


def plan_to_the_leaves():
    executor = MigrationExecutor(connection)
    targets = executor.loader.graph.leaf_nodes()
    return executor, [(m.app_label, m.name) for m, _ in executor.migration_plan(targets)]


@pytest.mark.parametrize("label", sorted(RELEASED))
def test_each_app_starts_with_one_migration_replacing_the_released_ones(label):
    loader = MigrationLoader(None, ignore_no_migrations=True)

    migration = loader.disk_migrations[(label, squashed(label))]

    assert migration.replaces == [(label, name) for name in RELEASED[label]]
    assert not [key for key in loader.disk_migrations if key[0] == label and key[1] < "0001_s"]


@pytest.mark.parametrize("label", sorted(SINCE))
def test_each_app_has_one_more_migration_replacing_those_since_the_release(label):
    loader = MigrationLoader(None, ignore_no_migrations=True)

    migration = loader.disk_migrations[(label, squashed_since(label))]

    assert migration.replaces == [(label, name) for name in SINCE[label]]
    assert sorted(name for app, name in loader.disk_migrations if app == label) == [
        squashed(label),
        squashed_since(label),
    ]


@pytest.mark.django_db
def test_database_that_applied_the_released_migrations_applies_only_newer_ones():
    # As a released site's table reads: the released names, not the squashed
    # one, and nothing since.
    record_only(MigrationRecorder(connection), RELEASED)

    executor, plan = plan_to_the_leaves()

    squashed_keys = {(label, squashed(label)) for label in RELEASED}
    assert not squashed_keys & set(plan)
    assert squashed_keys <= set(executor.loader.applied_migrations)
    since_keys = {(label, squashed_since(label)) for label in SINCE}
    assert since_keys <= set(plan)


@pytest.mark.django_db
def test_database_migrated_before_the_second_squash_applies_nothing():
    # As the table of a site migrated just before it reads: the first
    # squash's name and those since, not the second squash's.
    record_only(
        MigrationRecorder(connection),
        {label: [squashed(label), *names] for label, names in SINCE.items()},
    )

    executor, plan = plan_to_the_leaves()

    assert not [key for key in plan if key[0] in SINCE]
    since_keys = {(label, squashed_since(label)) for label in SINCE}
    assert since_keys <= set(executor.loader.applied_migrations)
