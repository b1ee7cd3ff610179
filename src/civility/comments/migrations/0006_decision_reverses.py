"""An undo is a decision that names the decision it takes back (actions.undo_decision).

A nullable column is added in place on both databases (SQLite rebuilds no
table for it); the triggers are installed again all the same, as every
migration that alters these tables must (civility.comments.triggers).
"""

import django.db.models.deletion
from django.db import migrations, models

from civility.comments import triggers


class Migration(migrations.Migration):
    dependencies = [("comments", "0005_decisionrecord")]

    operations = [
        migrations.AddField(
            model_name="decisionrecord",
            name="reverses",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reversed_by",
                to="comments.decisionrecord",
            ),
        ),
        migrations.RunPython(triggers.recreate, triggers.recreate),
    ]
