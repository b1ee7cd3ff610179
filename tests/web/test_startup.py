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
