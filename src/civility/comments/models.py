"""Comments and their append-only decision log.

A comment is stored once and never edited: the guidelines promise readers
that comments "are either approved or rejected", never changed. What changes
is its status, and every change is a new ``DecisionRecord`` saying who
decided (nobody = the automatic moderation), when, and under which guideline
clause. ``Comment.status`` is the latest decision, kept on the comment so
that listing a thread is one indexed query. Write through ``actions.py`` only.
The words for a comment's state, and how they map to the engine's and the
reader's, are in ``vocabulary.py``.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from civility.errors import ImmutableRecord
from civility.i18n import clause_text

from .vocabulary import SUGGESTION_CHOICES, CommentStatus

__all__ = ["Comment", "CommentStatus", "DecisionRecord", "NotificationRequest"]


class CommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=CommentStatus.APPROVED)

    def held(self):
        return self.filter(status=CommentStatus.PENDING)

    def thread(self, article):
        """What readers see under an article: approved comments, oldest first."""
        return self.approved().filter(article=article).order_by("created_at", "id")


class Comment(models.Model):
    IMMUTABLE_FIELDS = (
        "article_id",
        "parent_id",
        "author_name",
        "author_email",
        "text",
        "language",
        "content_hash",
        "created_at",
    )

    article = models.ForeignKey(
        "articles.Article", on_delete=models.PROTECT, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="replies"
    )
    author_name = models.CharField(max_length=80)
    author_email = models.EmailField(max_length=254)
    text = models.TextField()
    language = models.CharField(max_length=3, blank=True)
    created_at = models.DateTimeField()
    status = models.CharField(
        max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    # sha256 of article, email and whitespace-folded text: a second identical
    # submission (double click, resend) answers with the first comment.
    content_hash = models.CharField(max_length=64, db_index=True)
    # Personal data the privacy actions (civility/privacy.py) may erase, the one
    # sanctioned change besides status: the poster's IP address as a keyed
    # hash, kept for CIVILITY_IP_RETENTION_DAYS, and when name and e-mail
    # were erased. The triggers allow nothing else (docs/privacy.md).
    ip_hash = models.CharField(max_length=64, null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The latest decision's time and whether a person made it, written with
    # the status by the actions (actions.py), as the status itself is: the
    # decided lists sort and filter on these indexed columns instead of
    # looking up the log for every comment (docs/deployment.md, "A million
    # comments"). Nullable only so that adding them rebuilt no table.
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)
    decided_by_person = models.BooleanField(null=True, blank=True, editable=False)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # With the id, as the thread and the queue are ordered: no sort at any size.
            models.Index(fields=["article", "status", "created_at", "id"], name="comment_thread"),
            models.Index(fields=["status", "created_at", "id"], name="comment_queue"),
            # The decided lists: latest decision first, all of them, by whom, per article.
            models.Index(fields=["status", "decided_at", "id"], name="comment_decided"),
            models.Index(
                fields=["status", "decided_by_person", "decided_at", "id"],
                name="comment_decided_by",
            ),
            models.Index(
                fields=["article", "status", "decided_at", "id"], name="comment_article_decided"
            ),
            # The dashboard's window (the comments posted in the last days):
            # without it each of its charts read the whole table.
            models.Index(fields=["created_at"], name="comment_posted"),
            # A repeated post (posting/steps.py:repeat_of, under the write lock):
            # by the article's index alone, each post read all of a busy
            # thread's recent comments while holding the lock.
            models.Index(fields=["content_hash", "created_at"], name="comment_repeat"),
            # Export and erasure by e-mail, and the engine's "recent texts".
            models.Index(fields=["author_email", "created_at"], name="comment_author"),
            models.Index(
                fields=["created_at"],
                condition=models.Q(ip_hash__isnull=False),
                name="comment_ip_retention",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.author_name}: {self.text[:60]}"

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._loaded = {
            name: getattr(instance, name)
            for name in cls.IMMUTABLE_FIELDS
            if name in field_names  # attnames; deferred fields are not compared
        }
        return instance

    def save(self, *args, **kwargs):
        loaded = getattr(self, "_loaded", None)
        if loaded is not None and not self._state.adding:
            changed = [name for name, value in loaded.items() if getattr(self, name) != value]
            if changed:
                raise ImmutableRecord(
                    f"Comments are never edited; refusing to change {', '.join(changed)}.",
                    field=changed[0].removesuffix("_id"),
                )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("Comments are kept with their decision history; reject instead.")

    @property
    def latest_decision(self) -> DecisionRecord | None:
        return self.decisions.order_by("-created_at", "-id").first()


class DecisionRecord(models.Model):
    """One decision on one comment, by the engine or a person. Never updated, never deleted.

    (The engine's own suggestion, approve / review / reject, is
    ``civility.moderation.Decision``; ``suggested`` stores it.)
    """

    comment = models.ForeignKey(Comment, on_delete=models.PROTECT, related_name="decisions")
    status = models.CharField(max_length=10, choices=CommentStatus.choices)
    # Null: the automatic moderation decided.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="moderation_decisions",
    )
    clause_id = models.CharField(max_length=100, blank=True)
    # The clause text as it stood when deciding: policies change, the record must not.
    guideline = models.TextField(blank=True)
    category = models.CharField(max_length=40, blank=True)
    scores = models.JSONField(default=dict, blank=True)
    # Reasons from the engine: [{category, guideline, clause_id, score, evidence}].
    evidence = models.JSONField(default=list, blank=True)
    # What the engine suggested (civility.moderation.Decision); blank for a person.
    suggested = models.CharField(max_length=10, choices=SUGGESTION_CHOICES, blank=True)
    engine_version = models.CharField(max_length=200, blank=True)
    note = models.TextField(blank=True)
    # Set on an undo (actions.undo_decision): the decision this row takes back.
    reverses = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by"
    )
    created_at = models.DateTimeField()

    class Meta:
        # The table keeps the name it was created with (triggers and raw SQL
        # know it); only the class was renamed.
        db_table = "comments_decision"
        ordering = ["created_at", "id"]
        indexes = [
            # The id too: a comment's latest decision (created_at, id descending; the
            # Reported list asks it per comment) then comes from the index, never a sort.
            models.Index(fields=["comment", "created_at", "id"], name="decision_history"),
            # The decided lists' category filter: which comments a category or clause cites.
            models.Index(fields=["category", "comment"], name="decision_category"),
            models.Index(fields=["clause_id", "comment"], name="decision_clause"),
        ]

    def __str__(self) -> str:
        who = self.actor or "system"
        return f"{self.status} by {who} at {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def by_system(self) -> bool:
        return self.actor_id is None

    @property
    def guideline_shown(self) -> str:
        """The recorded clause text in the active language (by clause id), else as recorded."""
        return clause_text(self.clause_id, self.guideline)

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise ImmutableRecord("Decisions are append-only; record a new decision instead.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableRecord("Decisions are append-only; record a new decision instead.")


class NotificationRequest(models.Model):
    """A reader's wish to be e-mailed when a person decides their held comment.

    Its own small table because a comment row never changes (only its
    status). No copy of the address: the mail goes to the comment's own
    ``author_email``, so erasing the commenter (civility/privacy.py) also
    stops the mail. ``sent_at`` is set once, when the mail is claimed for
    sending (comments/notifications.py), so a reversal never mails twice.
    """

    comment = models.OneToOneField(
        Comment, on_delete=models.CASCADE, related_name="notification_request"
    )
    created_at = models.DateTimeField()
    # Set when the reader opens the link in the first e-mail: only then is the
    # address theirs, and only then does the decision e-mail go to it.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"notify on comment {self.comment_id} ({'sent' if self.sent_at else 'waiting'})"
