"""Keep sessions' search entries in step with their speakers, and cached
programmes, session lists and feeds in step with what they show.

A session's index entry includes its speakers' names and organisations, so a
renamed speaker must re-index the sessions they speak at (Wagtail only
re-indexes the object that was saved)."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from modelsearch.tasks import insert_or_update_object_task

from recap.core.versioning import connect_model
from recap.resources.models import Resource, Topic, TopicName
from recap.speakers.models import Speaker, SpeakerAlias

from .models import SessionPage


@receiver(post_save, sender=Speaker, dispatch_uid="recap_reindex_speaker_sessions")
def reindex_speaker_sessions(sender, instance, raw=False, created=False, **kwargs):
    if raw or created:
        return

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
    for model in (Speaker, SpeakerAlias, Topic, TopicName, Resource):
        connect_model(model)
