"""The table of the thread cache's database backend (CIVILITY_THREAD_CACHE=database).

Made by migrate so that no deployment step is forgotten (Django's own
``createcachetable`` would be one); it is made whichever backend is chosen,
so switching to the database later needs nothing either. Empty and unused
with Redis or files.
"""

from django.core.management.commands.createcachetable import Command as CreateCacheTable
from django.db import migrations

TABLE = "civility_thread_cache"


def create(apps, schema_editor):
    command = CreateCacheTable()
    command.verbosity = 0
    command.create_table(schema_editor.connection.alias, TABLE, dry_run=False)


def drop(apps, schema_editor):
    schema_editor.execute(f"DROP TABLE IF EXISTS {schema_editor.quote_name(TABLE)}")


class Migration(migrations.Migration):
    dependencies = [("threads", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
