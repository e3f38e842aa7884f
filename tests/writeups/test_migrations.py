"""Write-ups' migrations keep what editors linked."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recap.writeups.models import WriteUpPage
from tests.factories import EventPageFactory, WriteUpPageFactory

ONE_EVENT = [("recap_writeups", "0002_topics_are_called_topics")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest_writeups():
    return [MigrationExecutor(connection).loader.graph.leaf_nodes("recap_writeups")[0]]


# serialized_rollback: the flush after it must not recreate content types and
# permissions under new ids (the next transactional test restores the rows
# the migrations made, as the browser tests need their groups).
@pytest.mark.migrations
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_single_event_link_becomes_the_first_covered_event_in_pages_and_drafts():
    event = EventPageFactory()
    writeup = WriteUpPageFactory(event=event)
    writeup.title = "A draft title"
    draft = writeup.save_revision()
    migrate(ONE_EVENT)
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT event_id FROM recap_writeups_writeuppage WHERE page_ptr_id = %s",
                [writeup.pk],
            )
            assert cursor.fetchone()[0] == event.pk
    finally:
        migrate(latest_writeups())

    stored = WriteUpPage.objects.get(pk=writeup.pk)
    assert [covered.pk for covered in stored.covered_events()] == [event.pk]
    draft.refresh_from_db()
    assert [covered.pk for covered in draft.as_object().covered_events()] == [event.pk]
