from django.apps import AppConfig


class CommentersConfig(AppConfig):
    name = "civility.commenters"
    verbose_name = "Commenters and sanctions"
    default_auto_field = "django.db.models.BigAutoField"
