"""The clause thresholds, moved here from the comments app.

State only: the table ``comments_clausethreshold`` was created by the
comments app's first migration and keeps its name.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("comments", "0005_decisionrecord"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ClauseThreshold",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("clause_id", models.CharField(max_length=100, unique=True)),
                        (
                            "reject_at",
                            models.FloatField(
                                blank=True,
                                help_text="Reject automatically at or above this score (0–1).",
                                null=True,
                            ),
                        ),
                        (
                            "review_at",
                            models.FloatField(
                                blank=True,
                                help_text="Hold for review at or above this score (0–1).",
                                null=True,
                            ),
                        ),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "updated_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "comments_clausethreshold",
                        "ordering": ["clause_id"],
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("reject_at__isnull", True),
                                    models.Q(("reject_at__gte", 0), ("reject_at__lte", 1)),
                                    _connector="OR",
                                ),
                                name="threshold_reject_in_range",
                            ),
                            models.CheckConstraint(
                                condition=models.Q(
                                    ("review_at__isnull", True),
                                    models.Q(("review_at__gte", 0), ("review_at__lte", 1)),
                                    _connector="OR",
                                ),
                                name="threshold_review_in_range",
                            ),
                        ],
                    },
                ),
            ],
        ),
    ]
