"""Applying an import plan: writing it, all of it or nothing.

`apply_import` writes what `planning.plan_import` worked out in one
transaction: the new event (or the widened dates of an existing one), the
sessions to create and the sessions to update, each saved as a revision
(published, or as a draft for an editor who may not publish).
"""

from dataclasses import dataclass

from django.db import transaction
from django.db.models.functions import Lower
from django.utils.text import slugify

from recap.speakers.models import Speaker

from ..models import EventPage, EventRoom, SessionPage, SessionSpeaker, room_name_key
from .planning import CREATE, UPDATE
from .reading import ImportRefused


@dataclass
class ImportResult:
    event: EventPage
    created: int = 0
    updated: int = 0
    skipped: int = 0


def apply_import(plan, *, index_page=None, publish=True, user=None, progress=None):
    """Write a plan in one transaction: all of it, or nothing.

    `progress`, if given, wraps the iterable of sessions (a tqdm bar)."""
    items = [item for item in plan.sessions if item.action in (CREATE, UPDATE)]
    names = {name.lower() for item in items for name in item.speaker_names}
    speakers = {}
    if names:
        matches = Speaker.objects.annotate(lower_name=Lower("name")).filter(lower_name__in=names)
        for speaker in matches.order_by("pk"):
            speakers.setdefault(speaker.lower_name, speaker)
    with transaction.atomic():
        event = _prepare_event(plan, index_page, publish, user)
        rooms = _rooms_of(event, items, user)
        taken = set(event.get_children().values_list("slug", flat=True))
        result = ImportResult(event=event, skipped=len(plan.sessions) - len(items))
        for item in progress(items) if progress else items:
            if item.action == CREATE:
                _create_session(event, item, speakers, rooms, taken, publish, user)
                result.created += 1
            else:
                _update_session(item, speakers, rooms, publish, user)
                result.updated += 1
    return result


def _save(page, publish, user):
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)


def _unique_slug(title, taken):
    base = slugify(title)[:200] or "session"
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    taken.add(slug)
    return slug


def _prepare_event(plan, index_page, publish, user):
    if plan.event is not None:
        event = EventPage.objects.get(pk=plan.event.pk)
        if plan.widen_to:
            event.start, event.end = plan.widen_to
            _save(event, publish, user)
        return event
    if index_page is None:
        raise ImportRefused("There is no event index to create the new event under.")
    span = plan.event_span
    if span is None:
        raise ImportRefused("Nothing in this file can be imported, so no event was created.")
    taken = set(index_page.get_children().values_list("slug", flat=True))
    event = EventPage(
        title=plan.new_event_title,
        slug=_unique_slug(plan.new_event_title, taken),
        start=span[0],
        end=span[1],
        time_zone=plan.zone.key,
        live=publish,
    )
    index_page.add_child(instance=event)
    _save(event, publish, user)
    return event


def _rooms_of(event, items, user):
    """The event's rooms by name key, with a room created (after the others,
    in the file's order) for each LOCATION the event has no room for, whatever
    its case: "Main Hall" in the file is the event's "Main hall"."""
    rooms = {}
    last = -1
    for room in EventRoom.objects.filter(page=event).order_by("sort_order", "pk"):
        rooms.setdefault(room_name_key(room.name)[1], room)
        last = max(last, room.sort_order or 0)
    created = []
    for item in items:
        name, key = room_name_key(item.room)
        if name and key not in rooms:
            last += 1
            rooms[key] = EventRoom.objects.create(page=event, name=name, sort_order=last)
            created.append(rooms[key])
    if created:
        _keep_rooms_in_draft(event, created, user)
    return rooms


def _keep_rooms_in_draft(event, created, user):
    """The new rooms are in the database (sessions point at them). An event
    with unpublished changes would lose them when that draft is published (its
    revision lists the rooms it knew), so the draft gets them too."""
    event = EventPage.objects.get(pk=event.pk)
    if not event.has_unpublished_changes or event.latest_revision_id is None:
        return
    draft = event.get_latest_revision_as_object()
    rooms = list(draft.rooms.all())
    known = {room.pk for room in rooms}
    draft.rooms = rooms + [room for room in created if room.pk not in known]
    draft.save_revision(user=user)


def _speaker_links(item, speakers, existing_ids=()):
    links = []
    for name in item.speaker_names:
        speaker = speakers.get(name.lower())
        if speaker and speaker.pk not in existing_ids:
            links.append(SessionSpeaker(speaker=speaker))
    return links


def _room(item, rooms):
    name, key = room_name_key(item.room)
    return rooms.get(key) if name else None


def _create_session(event, item, speakers, rooms, taken, publish, user):
    session = SessionPage(
        slug=_unique_slug(item.title, taken),
        calendar_uid=item.calendar_uid,
        live=publish,
        room=_room(item, rooms),
        **item.session_values(),
    )
    session.speaker_links = _speaker_links(item, speakers)
    event.add_child(instance=session)
    _save(session, publish, user)


def _update_session(item, speakers, rooms, publish, user):
    session = SessionPage.objects.get(pk=item.existing.pk)
    for name, value in item.session_values().items():
        setattr(session, name, value)
    session.room = _room(item, rooms)
    existing_ids = {link.speaker_id for link in session.speaker_links.all()}
    for link in _speaker_links(item, speakers, existing_ids):
        session.speaker_links.add(link)
    _save(session, publish, user)
