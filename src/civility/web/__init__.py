"""The Django project: settings (from the table in config.py), URLs, WSGI."""
