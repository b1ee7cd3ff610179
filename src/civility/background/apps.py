from django.apps import AppConfig


class BackgroundConfig(AppConfig):
    name = "civility.background"
    label = "background"
    verbose_name = "Background tasks"

    def ready(self) -> None:
        from django.tasks.signals import task_finished

        from . import retries

        # A failed attempt of a retried task goes back to the queue (retries.py).
        task_finished.connect(retries.on_task_finished, dispatch_uid="civility-retries")
