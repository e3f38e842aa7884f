"""Keep sessions' search entries in step with their speakers, cached
programmes, session lists and feeds in step with what they show, and a
translated session in its translated event's room.

A session's index entry includes its speakers' names and organisations, so a
renamed speaker must re-index the sessions they speak at (Wagtail only
re-indexes the object that was saved)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from modelsearch.tasks import insert_or_update_object_task
from wagtail.signals import copy_for_translation_done

from recap.speakers.models import Speaker


@receiver(post_save, sender=Speaker, dispatch_uid="recap_reindex_speaker_sessions")
def reindex_speaker_sessions(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return
    from .models import SessionPage

    session_ids = SessionPage.objects.filter(speaker_links__speaker=instance).values_list(
        "pk", flat=True
    )
    for pk in session_ids:
        insert_or_update_object_task.enqueue("recap_events", "sessionpage", str(pk))


def connect_content_version():
    """Speakers, their aliases, topics and resources show on programmes,
    speaker pages and feeds: any change forgets what was cached
    (recap.core.versioning). Rooms are a field of the session, published
    with it."""
    from recap.core.versioning import connect_model
    from recap.resources.models import Resource, Topic, TopicName
    from recap.speakers.models import SpeakerAlias

    for model in (Speaker, SpeakerAlias, Topic, TopicName, Resource):
        connect_model(model)


def translated_room(room, translated_event):
    """The translated event's copy of `room`: the room in the same place in
    its list (a translation keeps the rooms' order, whatever their names
    become), else the one of the same name."""
    from .models import EventRoom

    rooms = list(EventRoom.objects.filter(page=translated_event).order_by("sort_order", "pk"))
    source = list(EventRoom.objects.filter(page_id=room.page_id).order_by("sort_order", "pk"))
    ids = [each.pk for each in source]
    if room.pk in ids and len(rooms) == len(source):
        return rooms[ids.index(room.pk)]
    key = room.name.casefold()
    return next((each for each in rooms if each.name.casefold() == key), None)


@receiver(copy_for_translation_done, dispatch_uid="recap_translated_session_room")
def point_translated_session_at_translated_room(sender, source_obj, target_obj, **kwargs):
    """A translated session takes its translated event's room.

    Wagtail's "Translate" copies a session with its room field as it is: the
    source event's room, which the translation's editor then refuses ("Choose
    one of this session's event's rooms") and which readers would see in the
    source language. The copy and its latest revision point at the
    translated event's room instead, so a translated room name shows."""
    from .models import SessionPage

    target = getattr(target_obj, "specific", target_obj)
    if not isinstance(target, SessionPage) or not target.room_id:
        return
    event = target.get_parent().specific
    if target.room.page_id == event.pk:
        return
    room = translated_room(target.room, event)
    if room is None:
        return
    SessionPage.objects.filter(pk=target.pk).update(room=room)
    target.room = room
    revision = target.latest_revision
    if revision is not None:
        revision.content["room"] = room.pk
        revision.save(update_fields=["content"])
