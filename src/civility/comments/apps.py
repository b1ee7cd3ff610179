from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CommentsConfig(AppConfig):
    name = "civility.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from . import roles, triggers

        connection_created.connect(triggers.on_connection_created)
        post_migrate.connect(roles.ensure_groups, sender=self)
