"""Copying events and sessions keeps sessions in their own event's rooms.

Wagtail copies an event's rooms with the event (new records) but leaves each
copied session pointing at the original event's room, and a session copied
into another event keeps its old event's room. After a copy, each session
whose room belongs to another event gets its own event's room of the same
name (whatever its case), created if that event has none.

Translating is copying too (Wagtail's "Translate", `copy_for_translation`):
the French event gets its own copies of the rooms while its sessions still
point at the English event's, which the session's own validation refuses on
the next save or publish. `rooms_after_translation` puts each translated
session in its event's room as it is made.
"""

from django.db import transaction

from .models import EventPage, EventRoom, SessionPage, room_name_key


def rooms_after_copy(page):
    """Point the sessions at or under `page` at their own event's rooms.
    Returns how many sessions changed room."""
    sessions = list(
        SessionPage.objects.filter(path__startswith=page.path, room__isnull=False)
        .select_related("room__page", "latest_revision")
        .order_by("path")
    )
    parents = {session.path[: -SessionPage.steplen] for session in sessions}
    events = {event.path: event for event in EventPage.objects.filter(path__in=parents)}
    moved = 0
    with transaction.atomic():
        for session in sessions:
            event = events.get(session.path[: -SessionPage.steplen])
            if event is None or session.room.page_id == event.pk:
                continue
            room = _counterpart(event, session.room)
            SessionPage.objects.filter(pk=session.pk).update(room=room)
            revision = session.latest_revision
            if revision is not None and revision.content.get("room") == session.room_id:
                revision.content["room"] = room.pk
                revision.save(update_fields=["content"])
            moved += 1
    return moved


def _counterpart(event, room):
    """`event`'s room for a session that points at `room` of another event.

    When `event` is a translation of the room's event, its rooms are copies in
    the same order whatever their names have become ("Main hall" may be
    "Grande salle" by the time the sessions are translated): the room in the
    same place. Otherwise, the room of the same name."""
    source = room.page
    if source.translation_key == event.translation_key:
        source_ids = list(
            EventRoom.objects.filter(page=source)
            .order_by("sort_order", "pk")
            .values_list("pk", flat=True)
        )
        rooms = list(EventRoom.objects.filter(page=event).order_by("sort_order", "pk"))
        if len(rooms) == len(source_ids) and room.pk in source_ids:
            return rooms[source_ids.index(room.pk)]
    return _room_named(event, room.name)


def _room_named(event, name):
    key = room_name_key(name)[1]
    rooms = list(EventRoom.objects.filter(page=event))
    for room in rooms:
        if room_name_key(room.name)[1] == key:
            return room
    last = max((room.sort_order or 0 for room in rooms), default=-1)
    return EventRoom.objects.create(page=event, name=name, sort_order=last + 1)


def rooms_after_translation(sender, source_obj=None, target_obj=None, **kwargs):
    """`copy_for_translation_done` receiver: a translated session (or event
    with its sessions) in its own event's rooms."""
    if isinstance(target_obj, SessionPage | EventPage) and rooms_after_copy(target_obj):
        if isinstance(target_obj, SessionPage):  # the caller's copy too
            target_obj.room_id = (
                SessionPage.objects.filter(pk=target_obj.pk).values_list("room", flat=True).get()
            )
