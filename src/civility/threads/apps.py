from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    name = "civility.threads"
    label = "threads"
    verbose_name = "Threads: reports, reactions, editors' picks"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The thread cache's receivers: every committed change purges it (cache.py).
        from . import cache  # noqa: F401
