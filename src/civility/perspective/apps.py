from django.apps import AppConfig


class PerspectiveConfig(AppConfig):
    name = "civility.perspective"
    label = "perspective"
    verbose_name = "Perspective-compatible API"
    default_auto_field = "django.db.models.BigAutoField"
