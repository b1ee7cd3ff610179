"""Privacy: the poster's IP address as a keyed hash, erasure of name and e-mail.

The comment trigger is replaced so that it allows exactly the erasure
(civility.comments.triggers, docs/privacy.md) and still refuses every edit.
"""

from django.db import migrations, models

from civility.comments import triggers


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("comments", "0002_triggers"),
    ]

    operations = [
        migrations.AddField(
            model_name="comment",
            name="erased_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="comment",
            name="ip_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["author_email", "created_at"], name="comment_author"),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(
                condition=models.Q(("ip_hash__isnull", False)),
                fields=["created_at"],
                name="comment_ip_retention",
            ),
        ),
        # Backwards: drop them; migrating forward again installs them.
        migrations.RunPython(triggers.recreate, triggers.drop),
    ]
