"""Snapshots of the test database, taken and put back with plain SQL.

A transactional test (a browser journey, a live server) ends with a flush,
which empties every table, the rows the migrations made included. Putting
those back through Django's serializer (serialized_rollback) saves every
row through the ORM again: about half a second per test on PostgreSQL. The
demo is worse: loading it takes 5 to 15 seconds, and a dozen modules and
journeys read it.

Here a database state is kept in copies of its tables, inside the same
test database (`CREATE TABLE ... AS SELECT`), and put back with one DELETE
and one INSERT ... SELECT per table: a few tens of milliseconds on SQLite
and on PostgreSQL. Foreign keys are deferred to the commit on both (Django
creates them DEFERRABLE INITIALLY DEFERRED), so the order of the tables
does not matter. Sequences are left alone: they only move forwards, so new
rows never reuse a restored row's id.

The tables are the ones Django's flush empties (managed models', that
exist). On SQLite the search backend's FTS5 table is left out: triggers on
the index entries fill and empty it. The copies are not models' tables, so
no flush, migration or `makemigrations --check` sees them.
"""

import contextlib
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.test import override_settings


def _virtual_tables():
    """SQLite's virtual tables (the search index's FTS5 table), filled by triggers."""
    if connection.vendor != "sqlite":
        return set()
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%%'")
        return {name for (name,) in cursor.fetchall()}


def flushed_tables():
    """The tables a flush empties, in a stable order."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    return sorted(set(tables) - _virtual_tables())


class TableSnapshot:
    """The contents of every flushed table, under a name (`migrated`, `demo`)."""

    def __init__(self, name):
        self.name = name
        self.copies = {}

    def _copy_name(self, table):
        # PostgreSQL cuts names at 63 characters: a short digest stays unique.
        digest = hashlib.sha1(table.encode(), usedforsecurity=False).hexdigest()[:12]
        return f"snapshot_{self.name}_{digest}"

    def take(self):
        quote = connection.ops.quote_name
        copies = {table: self._copy_name(table) for table in flushed_tables()}
        with transaction.atomic(), connection.cursor() as cursor:
            for table, copy in copies.items():
                cursor.execute(f"DROP TABLE IF EXISTS {quote(copy)}")
                cursor.execute(f"CREATE TABLE {quote(copy)} AS SELECT * FROM {quote(table)}")  # noqa: S608
        self.copies = copies

    def restore(self):
        """Every flushed table as it was when taken (a table made since is emptied)."""
        if not self.copies:
            raise RuntimeError(f"The {self.name!r} snapshot was never taken.")
        quote = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cursor:
            for table in flushed_tables():
                cursor.execute(f"DELETE FROM {quote(table)}")  # noqa: S608
            for table, copy in self.copies.items():
                cursor.execute(f"INSERT INTO {quote(table)} SELECT * FROM {quote(copy)}")  # noqa: S608
        # Content types are cached per process by id: the restored rows win.
        ContentType.objects.clear_cache()


class LoadedDemo:
    """The demo's tables, its media folder (the images it made) and what the
    command printed."""

    def __init__(self, snapshot, media_root, output=""):
        self.snapshot = snapshot
        self.media_root = media_root
        self.output = output

    def restore(self, settings):
        """The database as `load_demo` left it, its images where it put them.
        In a transactional test it is committed (the flush after the test
        empties it); in a plain test, the test's rollback takes it back."""
        self.snapshot.restore()
        settings.MEDIA_ROOT = self.media_root


@contextlib.contextmanager
def module_transaction(django_db_blocker):
    """A transaction around a whole module of plain tests, rolled back after
    its last test. What a module-scoped fixture makes inside it is made once;
    each test runs in a savepoint inside it, so none sees another's changes.
    (A test must read the rows again rather than keep the fixture's model
    instances, which a test before it may have changed in memory.)"""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)
    ContentType.objects.clear_cache()


@contextlib.contextmanager
def rows_for_module(django_db_blocker, build):
    """`build()` (a dict of model instances by name) run once for a module,
    inside `module_transaction`; yields each instance's model and id by name,
    for `read_again`."""
    with module_transaction(django_db_blocker):
        yield {name: (type(obj), obj.pk) for name, obj in build().items()}


def read_again(rows):
    """The instances `rows_for_module` kept, read again for one test."""
    return {name: model.objects.get(pk=pk) for name, (model, pk) in rows.items()}


@contextlib.contextmanager
def demo_for_module(demo_snapshot, django_db_blocker):
    """The demo for a whole module of plain tests (see `module_transaction`)."""
    with (
        module_transaction(django_db_blocker),
        override_settings(MEDIA_ROOT=demo_snapshot.media_root),
    ):
        demo_snapshot.snapshot.restore()
        yield demo_snapshot
