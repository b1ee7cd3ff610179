"""A notification goes only to an address confirmed by a link (issue 12, item 4)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("comments", "0008_no_delete_decision_time")]

    operations = [
        migrations.AddField(
            model_name="notificationrequest",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
    ]
