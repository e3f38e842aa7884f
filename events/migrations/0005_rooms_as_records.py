"""Rooms become records: each event gets an ordered list of rooms, and a
session chooses one of its event's rooms instead of typing a name.

The free-text rooms are kept: each event gets one room per name its sessions
used (current values, and the latest revision of each session, so drafts keep
theirs), in order of first use, with names that differ only by case or spaces
("Main hall", "Main Hall", "Main  hall") merged into one room named with the
spelling most sessions used. Every revision of a session then points at its
event's room of that name (an old revision naming a room that no current
value or draft uses gets no room). Reversing writes the names back.
"""

from collections import Counter

import django.db.models.deletion
import django.db.models.functions.text
import modelcluster.fields
from django.db import migrations, models

STEPLEN = 4  # wagtailcore's Page.steplen: a page's parent path is its path minus this


def room_name_key(name):
    """A name as stored (spaces collapsed) and the key that merges variants."""
    name = " ".join((name or "").split())
    return name, name.casefold()


def merge_room_names(names):
    """The rooms that free-text `names` (in order of use) become: a list of
    room names in order of first use, one per name key, each spelled as most
    uses spelled it (the first such on a tie). Empty names are no room."""
    spellings, order = {}, []
    for raw in names:
        name, key = room_name_key(raw)
        if not name:
            continue
        if key not in spellings:
            spellings[key] = Counter()
            order.append(key)
        spellings[key][name] += 1
    return [spellings[key].most_common(1)[0][0] for key in order]


def _session_content_type(apps):
    ContentType = apps.get_model("contenttypes", "ContentType")
    return ContentType.objects.filter(app_label="recap_events", model="sessionpage").first()


def rooms_from_free_text(apps, schema_editor):
    EventPage = apps.get_model("recap_events", "EventPage")
    EventRoom = apps.get_model("recap_events", "EventRoom")
    SessionPage = apps.get_model("recap_events", "SessionPage")
    Revision = apps.get_model("wagtailcore", "Revision")

    events = dict(EventPage.objects.values_list("path", "pk"))
    sessions = list(SessionPage.objects.order_by("start", "path").values_list("pk", "path", "room"))
    event_of = {pk: events.get(path[:-STEPLEN]) for pk, path, _ in sessions}
    names = {event_id: [] for event_id in events.values()}
    for pk, _, room in sessions:
        if event_of[pk] is not None:
            names[event_of[pk]].append(room)

    content_type = _session_content_type(apps)
    revisions = Revision.objects.none()
    if content_type is not None:
        revisions = Revision.objects.filter(content_type=content_type)
        latest = dict(
            SessionPage.objects.filter(latest_revision__isnull=False).values_list(
                "latest_revision_id", "pk"
            )
        )
        for revision in revisions.filter(pk__in=latest).only("pk", "content").iterator():
            event_id = event_of.get(latest[revision.pk])
            if event_id is not None and isinstance(revision.content.get("room"), str):
                names[event_id].append(revision.content["room"])

    rooms = {}  # (event id, name key) -> room id
    for event_id, used in names.items():
        for order, name in enumerate(merge_room_names(used)):
            room = EventRoom.objects.create(page_id=event_id, name=name, sort_order=order)
            rooms[(event_id, room_name_key(name)[1])] = room.pk

    def room_id(session_id, name):
        return rooms.get((event_of.get(session_id), room_name_key(name)[1]))

    for pk, _, room in sessions:
        if room_name_key(room)[0]:
            SessionPage.objects.filter(pk=pk).update(room_record_id=room_id(pk, room))

    changed = []
    for revision in revisions.only("pk", "object_id", "content").iterator():
        value = revision.content.get("room")
        if not isinstance(value, str):
            continue
        revision.content["room"] = room_id(int(revision.object_id), value) if value else None
        changed.append(revision)
        if len(changed) >= 500:
            Revision.objects.bulk_update(changed, ["content"])
            changed = []
    Revision.objects.bulk_update(changed, ["content"])
    _constraints_now(schema_editor)


def free_text_from_rooms(apps, schema_editor):
    EventRoom = apps.get_model("recap_events", "EventRoom")
    SessionPage = apps.get_model("recap_events", "SessionPage")
    Revision = apps.get_model("wagtailcore", "Revision")
    names = dict(EventRoom.objects.values_list("pk", "name"))
    for pk, room_id in SessionPage.objects.values_list("pk", "room_record_id"):
        SessionPage.objects.filter(pk=pk).update(room=names.get(room_id, "")[:100])
    content_type = _session_content_type(apps)
    if content_type is not None:
        for revision in Revision.objects.filter(content_type=content_type).iterator():
            value = revision.content.get("room")
            if value is None or isinstance(value, int):
                revision.content["room"] = names.get(value, "")
                revision.save(update_fields=["content"])
    _constraints_now(schema_editor)


def _constraints_now(schema_editor):
    # PostgreSQL refuses to ALTER a table with pending deferred-constraint
    # checks ("pending trigger events") in the same transaction; check them now.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("recap_events", "0004_questions_close_when_the_session_ends"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.CreateModel(
            name="EventRoom",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sort_order", models.IntegerField(blank=True, editable=False, null=True)),
                ("name", models.CharField(max_length=100, verbose_name="name")),
                (
                    "page",
                    modelcluster.fields.ParentalKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rooms",
                        to="recap_events.eventpage",
                    ),
                ),
            ],
            options={
                "verbose_name": "room",
                "verbose_name_plural": "rooms",
                "ordering": ["sort_order"],
                "abstract": False,
            },
        ),
        migrations.AddConstraint(
            model_name="eventroom",
            constraint=models.UniqueConstraint(
                django.db.models.functions.text.Lower("name"),
                models.F("page"),
                name="recap_event_room_name_once",
                violation_error_message="This event already has a room of this name.",
            ),
        ),
        migrations.AddField(
            model_name="sessionpage",
            name="room_record",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="recap_events.eventroom",
            ),
        ),
        migrations.RunPython(rooms_from_free_text, free_text_from_rooms),
        migrations.RemoveField(model_name="sessionpage", name="room"),
        migrations.RenameField(model_name="sessionpage", old_name="room_record", new_name="room"),
        migrations.AlterField(
            model_name="sessionpage",
            name="room",
            field=models.ForeignKey(
                blank=True,
                help_text="One of the event's rooms; add rooms on the event.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="sessions",
                to="recap_events.eventroom",
                verbose_name="room",
            ),
        ),
    ]
