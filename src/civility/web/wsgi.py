"""WSGI entry point: `gunicorn civility.web.wsgi` (what `civility serve` runs)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.web.settings")

application = get_wsgi_application()
