from django.apps import AppConfig


class ModeratorsConfig(AppConfig):
    name = "civility.moderators"
    label = "moderators"
    verbose_name = "Moderator queue"
