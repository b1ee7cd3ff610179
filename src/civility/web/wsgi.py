"""WSGI entry point: `gunicorn civility.web.wsgi` (what `civility serve` runs).

Each gunicorn worker imports this module before it accepts a request, so the
moderation engine's models load here, once per process, and never on a
request (docs/deployment.md, "Where posting time goes").

Anonymous reads of a published thread are answered from the shared thread
cache before Django is entered (threads/snapshots.py); everything else, and
every first read after a change, goes through Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.web.settings")

django_application = get_wsgi_application()

from civility.moderation.engine import warm_up  # noqa: E402 - after Django is set up
from civility.threads.snapshots import ThreadSnapshots  # noqa: E402

application = ThreadSnapshots(django_application)

warm_up()
