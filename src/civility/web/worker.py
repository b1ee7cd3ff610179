"""What a serving process does once, after loading and before its first request.

``ready_to_serve`` is called by the WSGI module (each gunicorn worker) and by
``bench/queries.py`` (which measures pages as a worker serves them):

1. Load the moderation engine (``warm_up``): no request pays for it.
2. Freeze what was loaded (``gc.freeze``). Django, the engine's lexicons and
   models are about 190,000 Python objects that live as long as the process.
   Python's full (oldest-generation) collection walks every tracked object,
   and one came every few dozen desk pages: at a million comments it paused
   a 45 ms queue page for another 49 ms, which was the whole of the queue's
   p99 (docs/deployment.md, "Pauses"). Frozen objects are never walked again;
   the same pause then took 13 ms. Under gunicorn's default (no preload) each
   worker loads and freezes its own copy.
"""

from __future__ import annotations

import gc


def ready_to_serve() -> None:
    from civility.moderation.engine import warm_up

    warm_up()
    # Anything garbage from the start-up goes now, so it is not frozen with the rest.
    gc.collect()
    gc.freeze()
