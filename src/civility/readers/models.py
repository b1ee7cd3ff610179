"""Readers the publisher's token names, and which comments each one wrote.

The link lives in its own table, written in the comment's transaction
(``trust.link``), because comments are immutable and a guest's typed e-mail
proves nothing: only a comment posted with a valid token counts towards a
reader's trust.
"""

from __future__ import annotations

from django.db import models


class Reader(models.Model):
    # The token's `iss` and `sub`: the publisher's account id, stable across renames.
    issuer = models.CharField(max_length=200, blank=True)
    subject = models.CharField(max_length=200)
    name = models.CharField(max_length=80)
    email = models.EmailField(max_length=254)
    first_seen = models.DateTimeField()
    last_seen = models.DateTimeField()

    class Meta:
        ordering = ["-last_seen"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="reader_identity")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.subject})"


class ReaderComment(models.Model):
    comment = models.OneToOneField(
        "comments.Comment", on_delete=models.PROTECT, primary_key=True, related_name="reader_link"
    )
    reader = models.ForeignKey(Reader, on_delete=models.PROTECT, related_name="comment_links")

    def __str__(self) -> str:
        return f"comment {self.comment_id} by reader {self.reader_id}"
