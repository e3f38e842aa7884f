"""Migration operations of Recap's own.

Migrations import this module, including migrations already applied on
sites: what it defines must keep its name and behaviour.
"""

from django.db.migrations.operations.base import Operation


class AlterStateOnly(Operation):
    """Several operations that change only what Django knows of the models,
    never the database (verbose names, help texts, model options), applied
    as one: each model's state is reloaded once for the group, not once per
    field.

    Django reloads a model's state, and every model related to it, after each
    AlterField; a migration that renames the labels of fifty fields of page
    models took two seconds for nothing in the database, on every new
    database (every test run's). The grouped operations must not touch the
    database: tests/test_migration_operations.py checks each use.
    """

    reduces_to_sql = False
    reversible = True

    def __init__(self, operations):
        self.operations = list(operations)
        super().__init__()

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operations], {})

    def state_forwards(self, app_label, state):
        reloads = {}

        def remember(app, model_name, delay=False):
            # Rendering may be delayed only if every operation allows it.
            reloads[app, model_name] = reloads.get((app, model_name), True) and delay

        state.reload_model = remember
        try:
            for operation in self.operations:
                operation.state_forwards(app_label, state)
        finally:
            del state.reload_model
        for (app, model_name), delay in reloads.items():
            state.reload_model(app, model_name, delay=delay)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        pass

    def describe(self):
        return f"Change {len(self.operations)} labels and options (no database change)"

    @property
    def migration_name_fragment(self):
        return "labels"
