from django.apps import AppConfig


class WebhooksConfig(AppConfig):
    name = "civility.webhooks"
    label = "webhooks"
    verbose_name = "Webhooks and alerts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # Decision records are created inside the action's transaction
        # (comments/actions.py); post_save runs in that same transaction, so
        # the outbox row commits or rolls back with the decision.
        from django.db.models.signals import post_save

        from civility.comments.models import DecisionRecord

        from . import outbox, tasks

        post_save.connect(outbox.on_decision_saved, sender=DecisionRecord, dispatch_uid="webhooks")
        # A held comment schedules the moderators' alert (tasks.py), in the
        # same transaction, for the same reason.
        post_save.connect(tasks.on_decision_saved, sender=DecisionRecord, dispatch_uid="alerts")
