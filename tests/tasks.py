"""The test suite's task backend: tasks are queued and never run, like
django-tasks' DummyBackend, but nothing is kept. The suite queues tens of
thousands of Wagtail index updates that no test reads; DummyBackend keeps a
deep copy of each for the whole run, which cost seconds and memory."""

from django.utils import timezone
from django_tasks.backends.dummy import DummyBackend
from django_tasks.base import TaskResult, TaskResultStatus
from django_tasks.utils import get_random_id


class DiscardingBackend(DummyBackend):
    def enqueue(self, task, args, kwargs):
        self.validate_task(task)
        return TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
