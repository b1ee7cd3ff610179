"""WSGI entry point: `gunicorn civility.web.wsgi` (what `civility serve` runs).

Each gunicorn worker imports this module before it accepts a request, so the
moderation engine's models load here, once per process, and never on a
request (docs/deployment.md, "Where posting time goes"); then what was
loaded is frozen out of the garbage collector's way (web/worker.py).

Anonymous reads of a published thread are answered from the shared thread
cache before Django is entered (threads/snapshots.py); everything else, and
every first read after a change, goes through Django.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.web.settings")

django_application = get_wsgi_application()

from civility.threads.snapshots import ThreadSnapshots  # noqa: E402 - after Django is set up
from civility.web.worker import ready_to_serve  # noqa: E402

application = ThreadSnapshots(django_application)

ready_to_serve()  # the engine loaded, the start-up's objects frozen (web/worker.py)
