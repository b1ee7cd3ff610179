from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "civility.law"
    label = "law"
    verbose_name = "The law: notices, appeals, statements of reasons"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # The outcome e-mail carries the statement of reasons (mail.py).
        from civility.comments import notifications

        from .mail import statement_lines

        if statement_lines not in notifications.EXTRA_LINES:
            notifications.EXTRA_LINES.append(statement_lines)
        # A sanction's statement goes to its author when it is imposed (art. 17(1)).
        from civility.commenters.actions import sanction_changed

        from .mail import on_sanction_changed

        sanction_changed.connect(on_sanction_changed, dispatch_uid="law-sanction-statement")
