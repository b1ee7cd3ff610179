"""The site starts without asking the database anything.

Django 6.1 warns when a query runs while the apps load, and pytest-django then
refuses any test module that builds the WSGI application at import (the schema
fuzzing does). The admin once listed the policy's clauses, a database row, at
import; this keeps every module honest.
"""

import os
import subprocess
import sys

STARTUP = """
import django
django.setup()
from django.core.wsgi import get_wsgi_application
get_wsgi_application()
from django.contrib import admin
admin.autodiscover()
"""


def test_loading_the_site_runs_no_query(tmp_path):
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="civility.web.settings")
    done = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-c", STARTUP],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-3000:]


WORKER = """
import civility.web.wsgi  # what each gunicorn worker imports before its first request
from civility.moderation import multilingual, steps
tiers = steps.classify._models
assert tiers is not None, "the classifier tiers were not loaded"
transformer = getattr(tiers, "transformer", None)
assert transformer is None or {"lower", "tier"} <= set(transformer._sessions), "sessions not built"
assert not multilingual.installed() or multilingual._load.cache_info().currsize == 1
import gc
# What was loaded is frozen: a full collection never walks it on a request (web/worker.py).
assert gc.get_freeze_count() > 50_000, gc.get_freeze_count()
print("warm")
"""


def test_a_worker_loads_the_models_before_its_first_request(tmp_path):
    """No request pays for loading the engine (docs/deployment.md), and the
    warm-up asks the database nothing either."""
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="civility.web.settings")
    done = subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-c", WORKER],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("warm")
    assert "warm-up failed" not in done.stderr
