"""Database triggers: comment text is never updated; decisions are append-only.

The SQL for each vendor lives in ``civility.comments.triggers`` (with why).
"""

from django.db import migrations

from civility.comments import triggers


class Migration(migrations.Migration):
    dependencies = [("comments", "0001_initial")]

    operations = [migrations.RunPython(triggers.create, triggers.drop)]
