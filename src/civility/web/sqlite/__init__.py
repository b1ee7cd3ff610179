"""Django's SQLite backend with a writers' queue (base.py); ENGINE "civility.web.sqlite"."""
