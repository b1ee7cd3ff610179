"""Triggers: comments are never deleted; a decision's time is its insert time.

Why and how: ``civility.comments.triggers`` (issue 12, item 8). The triggers
are installed again from the module's current SQL, as 0003 and 0006 do.
"""

from django.db import migrations

from civility.comments import triggers


class Migration(migrations.Migration):
    dependencies = [("comments", "0007_decided_columns")]

    operations = [migrations.RunPython(triggers.recreate, triggers.recreate)]
