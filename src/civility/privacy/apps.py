from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "civility.privacy"
    label = "privacy"
    verbose_name = "Privacy"
