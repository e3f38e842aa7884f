"""AlterStateOnly (recap.core.migration_operations) groups operations that
must not change the database. Each use in Recap's migrations is checked: the
grouped operations only relabel fields or change model options, and the
fields keep the database schema they had before the migration."""

import pytest
from django.db import migrations
from django.db.migrations.loader import MigrationLoader

from recap.core.migration_operations import AlterStateOnly

STATE_ONLY = (migrations.AlterField, migrations.AlterModelOptions)


def schema_of(field):
    """What the database knows of a field: its deconstruction without the
    attributes Django never puts in the schema (labels, help texts...)."""
    _name, path, args, kwargs = field.deconstruct()
    for attr in field.non_db_attrs:
        kwargs.pop(attr, None)
    return path, args, kwargs


def uses():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key, migration in sorted(loader.disk_migrations.items()):
        for operation in migration.operations:
            if isinstance(operation, AlterStateOnly):
                yield loader, key, operation


USES = list(uses())


def test_the_label_migrations_use_it():
    assert {key for _, key, _ in USES} >= {
        ("recap_events", "0008_verbose_names_in_french"),
        ("recap_questions", "0003_verbose_names_in_french"),
        ("recap_resources", "0005_verbose_names_in_french"),
        ("recap_speakers", "0004_verbose_names_in_french"),
        ("recap_writeups", "0004_verbose_names_in_french"),
    }


@pytest.mark.parametrize(("loader", "key", "operation"), USES, ids=[k[0] for _, k, _ in USES])
def test_grouped_operations_leave_the_database_schema_alone(loader, key, operation):
    app_label, _ = key
    before = loader.project_state(key, at_end=False)
    changed = []
    for inner in operation.operations:
        assert isinstance(inner, STATE_ONLY), f"{key}: {inner.describe()} may change the database"
        if isinstance(inner, migrations.AlterField):
            old = before.models[app_label, inner.model_name_lower].fields[inner.name]
            if schema_of(old) != schema_of(inner.field):
                changed.append(inner.describe())
    assert changed == [], f"{key} changes the schema of: {changed}"


def test_grouped_state_equals_the_operations_applied_one_by_one():
    loader, key, operation = USES[0]
    app_label, _ = key
    one_by_one = loader.project_state(key, at_end=False)
    grouped = one_by_one.clone()
    for inner in operation.operations:
        inner.state_forwards(app_label, one_by_one)
    operation.state_forwards(app_label, grouped)

    assert grouped.models == one_by_one.models
    assert "reload_model" not in vars(grouped)  # the method is the class's again
