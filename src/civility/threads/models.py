"""Reports, reactions, editors' picks and the editors' actions on a thread.

Comments never change (comments/models.py), so what readers and editors do
with a published comment lives in tables of its own:

- ``Report``: a reader says a comment breaks a guideline. Append-only: a
  report is never edited or withdrawn; its outcome is the decision that
  followed it in the comment's log (reports.py).
- ``Reaction``: one "Respect" per reader per comment. Who reacted is kept
  only as a keyed hash of the reader's key *and the comment*, enough to
  refuse a second reaction, not enough to link one reader's reactions.
- ``FeaturedComment``: an editors' pick, while it lasts.
- ``ThreadAction``: the log of what editors did (featured, unfeatured,
  closed, reopened), with who and when. Append-only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from civility.errors import ImmutableRecord


class AppendOnly(models.Model):
    """Rows that are written once: never updated, never deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord(f"{type(self).__name__} rows are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord(f"{type(self).__name__} rows are never deleted.")


class Report(AppendOnly):
    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.PROTECT, related_name="reports"
    )
    # The guideline the reader says it breaks, and its text as it read then.
    clause_id = models.CharField(max_length=100)
    guideline = models.TextField(blank=True)
    # Keyed hashes (visitor.py, privacy/addresses.py): one report per reader
    # and one per address for each comment; no key or address in the clear.
    reporter = models.CharField(max_length=64)
    address = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["comment", "created_at"], name="report_comment")]
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="report_once_per_reader"),
            models.UniqueConstraint(
                fields=["comment", "address"],
                condition=~models.Q(address=""),
                name="report_once_per_address",
            ),
        ]

    def __str__(self) -> str:
        return f"report of comment {self.comment_id} under {self.clause_id}"


class Reaction(models.Model):
    comment = models.ForeignKey(
        "comments.Comment", on_delete=models.PROTECT, related_name="reactions"
    )
    # HMAC of (comment, reader key): see the module's docstring.
    reader = models.CharField(max_length=64)
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "reader"], name="reaction_once_per_reader")
        ]

    def __str__(self) -> str:
        return f"reaction to comment {self.comment_id}"


class FeaturedComment(models.Model):
    comment = models.OneToOneField(
        "comments.Comment", on_delete=models.PROTECT, primary_key=True, related_name="featured"
    )
    # Denormalised from the comment so a thread's picks are one indexed query.
    article = models.ForeignKey(
        "articles.Article", on_delete=models.PROTECT, related_name="featured_comments"
    )
    featured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    featured_at = models.DateTimeField()

    class Meta:
        ordering = ["featured_at"]

    def __str__(self) -> str:
        return f"comment {self.comment_id} featured"


class ThreadAction(AppendOnly):
    class Kind(models.TextChoices):
        FEATURED = "featured", "Featured a comment"
        UNFEATURED = "unfeatured", "Stopped featuring a comment"
        CLOSED = "closed", "Closed the comments"
        REOPENED = "reopened", "Reopened the comments"

    kind = models.CharField(max_length=12, choices=Kind.choices)
    article = models.ForeignKey("articles.Article", on_delete=models.PROTECT, related_name="+")
    comment = models.ForeignKey(
        "comments.Comment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.kind} by {self.actor} at {self.created_at:%Y-%m-%d %H:%M}"
