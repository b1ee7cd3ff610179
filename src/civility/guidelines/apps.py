from django.apps import AppConfig
from django.core import checks


class GuidelinesConfig(AppConfig):
    name = "civility.guidelines"
    label = "guidelines"
    verbose_name = "Guidelines"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import site_policy

        # Pre-moderation needs the guidelines: a site whose policy does not
        # load refuses to start rather than run without them.
        checks.register(site_policy.check_policy_loads)
