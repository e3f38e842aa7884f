"""The migrations that make speakers and resources translatable keep every
existing record: each lands in the default locale with a key of its own."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from recap.resources.models import Resource
from recap.speakers.models import Speaker

BEFORE = [
    ("recap_speakers", "0003_cleaned_bio_text"),
    ("recap_resources", "0004_topics_are_called_topics"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def latest():
    graph = MigrationExecutor(connection).loader.graph
    return [graph.leaf_nodes(app)[0] for app in ("recap_speakers", "recap_resources")]


@pytest.mark.migrations
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_speakers_and_resources_land_in_the_default_locale():
    old = migrate(BEFORE)
    try:
        OldSpeaker = old.get_model("recap_speakers", "Speaker")
        OldResource = old.get_model("recap_resources", "Resource")
        for n in range(3):
            OldSpeaker.objects.create(name=f"Person {n}", slug=f"person-{n}", sort_name=f"{n}")
            OldResource.objects.create(title=f"Resource {n}", kind="article")
    finally:
        migrate(latest())

    speakers = list(Speaker.objects.select_related("locale"))
    resources = list(Resource.objects.select_related("locale"))
    assert [s.slug for s in sorted(speakers, key=lambda s: s.slug)] == [
        "person-0",
        "person-1",
        "person-2",
    ]
    for records in (speakers, resources):
        assert len(records) == 3
        assert {r.locale.language_code for r in records} == {"en-gb"}
        assert len({r.translation_key for r in records}) == 3
