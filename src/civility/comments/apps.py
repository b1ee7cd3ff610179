from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate


class CommentsConfig(AppConfig):
    name = "civility.comments"
    label = "comments"
    verbose_name = "Comments"

    def ready(self) -> None:
        from . import notifications, roles, signals, triggers

        # The reader's e-mail when a moderator decides (notifications.py).
        signals.comment_decided.connect(
            notifications.on_comment_decided, dispatch_uid="civility-notify-reader"
        )

        connection_created.connect(triggers.on_connection_created)
        post_migrate.connect(roles.ensure_groups, sender=self)
