from django.apps import AppConfig


class ModeratorsConfig(AppConfig):
    name = "civility.moderators"
    label = "moderators"
    verbose_name = "Moderator queue"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from civility.comments.models import Comment, DecisionRecord

        from . import rollup

        # A decision on (or the deletion of) a comment posted before today
        # makes its day's roll-up stale, in the same transaction.
        post_save.connect(rollup.on_decision_saved, sender=DecisionRecord, dispatch_uid="rollup")
        post_delete.connect(rollup.on_comment_deleted, sender=Comment, dispatch_uid="rollup")
