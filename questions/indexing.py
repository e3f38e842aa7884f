"""Delegate questions in the search index: the public ones only, kept up to
date by what moderators do, never inside a delegate's request.

Wagtail indexes a model on every save (a task, run at once by default).
For questions that meant five more queries inside every question a plenary
asks, for text nobody may search yet: a pending question is seen only by
moderators, who find it in their queue (searched in the database, not the
index). So questions leave Wagtail's automatic updates
(`DelegateQuestion.search_auto_update = False`) and:

- a question enters the index when it becomes public (approved, answered),
  by a moderator's action (`moderate`, one bulk update per action) or a save
  (the admin's edit form, a capture, a session that shows questions at once);
- it leaves the index when it stops being public (rejected, archived) or is
  deleted, and its purged personal data leaves with it;
- a new pending question is never indexed, so asking one costs no index
  work; pending, rejected and archived text (unmoderated, with names) is
  never in the index at all.

`manage.py update_index` indexes what `DelegateQuestion.get_indexed_objects`
returns: the public questions.
"""

from modelsearch import index
from modelsearch.tasks import insert_or_update_object_task
from wagtail.search.backends import get_search_backends

from .models import DelegateQuestion


def update_search_index(ids, every_backend=False):
    """Bring the questions `ids` up to date in the search backends that
    update automatically (as Wagtail's own updates do), or in every one with
    `every_backend` (the personal-data purge: names must leave them all):
    public ones added (in bulk), the others removed. Returns how many were seen."""
    questions = list(DelegateQuestion.objects.filter(pk__in=ids))
    public = [question for question in questions if question.is_public]
    hidden = [question for question in questions if not question.is_public]
    for backend in get_search_backends(with_auto_update=not every_backend):
        if public:
            backend.add_bulk(DelegateQuestion, public)
        for question in hidden:
            backend.delete(question)
    return len(questions)


def question_saved(sender, instance, created=False, raw=False, **kwargs):
    """post_save receiver: index a public question (as Wagtail would, through
    its task); take one that is no longer public out of the index. A new
    question that is not public was never indexed: nothing to do."""
    if raw:
        return
    if instance.is_public:
        insert_or_update_object_task.enqueue(
            instance._meta.app_label, instance._meta.model_name, str(instance.pk)
        )
    elif not created:
        index.remove_object(instance)


def question_deleted(sender, instance, **kwargs):
    """post_delete receiver: the question leaves the index."""
    index.remove_object(instance)
