"""Each app's released migrations are squashed into one, and a database that
applied the released ones upgrades without applying anything twice."""

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


def squashed(label):
    return f"0001_squashed_{RELEASED[label][-1]}"


@pytest.mark.parametrize("label", sorted(RELEASED))
def test_each_app_starts_with_one_migration_replacing_the_released_ones(label):
    loader = MigrationLoader(None, ignore_no_migrations=True)

    migration = loader.disk_migrations[(label, squashed(label))]

    assert migration.replaces == [(label, name) for name in RELEASED[label]]
    assert not [key for key in loader.disk_migrations if key[0] == label and key[1] < "0001_s"]


@pytest.mark.django_db
def test_database_that_applied_the_released_migrations_applies_only_newer_ones():
    recorder = MigrationRecorder(connection)
    for label in RELEASED:
        # As an existing site's table reads: the released names, not the squashed one.
        recorder.migration_qs.filter(app=label, name=squashed(label)).delete()
        for name in RELEASED[label]:
            recorder.migration_qs.get_or_create(app=label, name=name)

    executor = MigrationExecutor(connection)
    targets = [key for key in executor.loader.graph.leaf_nodes() if key[0] in RELEASED]
    plan = executor.migration_plan(targets)

    squashed_keys = {(label, squashed(label)) for label in RELEASED}
    assert not [m for m, _ in plan if (m.app_label, m.name) in squashed_keys]
    assert squashed_keys <= set(executor.loader.applied_migrations)
