"""Articles created from a page wait for an editor (issue 12, item 5)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="article",
            name="held",
            field=models.BooleanField(
                default=False,
                help_text="Created from a page by the widget: readers see nothing until an "
                "editor approves it (untick, or the list's “Approve” action).",
            ),
        ),
    ]
