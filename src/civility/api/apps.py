from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "civility.api"
    label = "api"
    verbose_name = "API"
