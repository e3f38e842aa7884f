"""Keep search entries in step with the names they hold.

An event's, session's, write-up's or resource's index entry holds the names
of its topics, and a write-up's its author's name; Wagtail re-indexes only
the record that was saved. So a saved topic re-indexes what is tagged with
it, and a saved speaker the write-ups they wrote (the sessions they speak at
are `recap.events.signals`'), each through Wagtail's indexing task, as a
save of the record itself would be."""

from django.db.models.signals import post_save
from modelsearch.tasks import insert_or_update_object_task

from recap.events.models import EventPage, SessionPage
from recap.resources.models import Resource, Topic
from recap.speakers.models import Speaker
from recap.writeups.models import WriteUpPage


def _enqueue(queryset):
    meta = queryset.model._meta
    for pk in queryset.values_list("pk", flat=True).distinct():
        insert_or_update_object_task.enqueue(meta.app_label, meta.model_name, str(pk))


def reindex_tagged(sender, instance, raw=False, created=False, **kwargs):
    """post_save of a topic: what is tagged with it (a new topic tags nothing)."""
    if raw or created:
        return

    _enqueue(Resource.objects.filter(tagged_topics__tag=instance))
    _enqueue(EventPage.objects.filter(tagged_topics__tag=instance))
    _enqueue(SessionPage.objects.filter(tagged_topics__tag=instance))
    _enqueue(WriteUpPage.objects.filter(tagged_topics__tag=instance))


def reindex_authored(sender, instance, raw=False, created=False, **kwargs):
    """post_save of a speaker: the write-ups they wrote."""
    if raw or created:
        return

    _enqueue(WriteUpPage.objects.filter(author=instance))


def connect_reindexing():
    post_save.connect(reindex_tagged, sender=Topic, dispatch_uid="recap_reindex_tagged")
    post_save.connect(reindex_authored, sender=Speaker, dispatch_uid="recap_reindex_authored")
