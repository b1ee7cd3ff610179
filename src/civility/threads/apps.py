from django.apps import AppConfig


class ThreadsConfig(AppConfig):
    name = "civility.threads"
    label = "threads"
    verbose_name = "Threads: reports, reactions, editors' picks"
    default_auto_field = "django.db.models.BigAutoField"
