"""WSGI entry point: `gunicorn civility.web.wsgi` (what `civility serve` runs).

Each gunicorn worker imports this module before it accepts a request, so the
moderation engine's models load here, once per process, and never on a
request (docs/deployment.md, "Where posting time goes").
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.web.settings")

application = get_wsgi_application()

from civility.moderation.engine import warm_up  # noqa: E402 - after Django is set up

warm_up()
