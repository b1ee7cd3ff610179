from django.apps import AppConfig


class EmbedConfig(AppConfig):
    name = "civility.embed"
    label = "embed"
    verbose_name = "Embedding"
    default_auto_field = "django.db.models.BigAutoField"
