from django.apps import AppConfig


class ReadersConfig(AppConfig):
    name = "civility.readers"
    label = "readers"
    verbose_name = "Signed-in readers"
    default_auto_field = "django.db.models.BigAutoField"
