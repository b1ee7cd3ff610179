"""The decision row is ``DecisionRecord`` (the engine's enum is ``Decision``), and
the clause thresholds belong to the guidelines app.

Both changes are to Django's model state only: the tables keep their names
(``comments_decision``, whose triggers and raw SQL know it, and
``comments_clausethreshold``), so nothing is copied and no trigger is rebuilt.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("comments", "0004_notificationrequest"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RenameModel("Decision", "DecisionRecord"),
                migrations.AlterModelTable("DecisionRecord", "comments_decision"),
                migrations.DeleteModel("ClauseThreshold"),
            ],
        ),
        migrations.AlterField(
            model_name="decisionrecord",
            name="suggested",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "—"),
                    ("approve", "Approve"),
                    ("review", "Review"),
                    ("reject", "Reject"),
                ],
                max_length=10,
            ),
        ),
    ]
