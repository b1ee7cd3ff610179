"""The dead letter: background tasks whose every attempt failed.

A proxy of django-tasks-db's own table (no table of ours), so the admin can
list only the failed rows and offer "Run again" beside the backend's own
read-only list of every task.
"""

from django.db import models
from django.tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult


class FailedTaskManager(models.Manager):
    def get_queryset(self):
        return super().get_queryset().filter(status=TaskResultStatus.FAILED)


class FailedTask(DBTaskResult):
    objects = FailedTaskManager()

    class Meta:
        proxy = True
        verbose_name = "failed background task"
        verbose_name_plural = "failed background tasks (dead letter)"
