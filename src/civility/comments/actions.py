"""Every write to comments goes through these functions, one transaction each.

The posting service (civility/posting), the moderator queue, the API, the
admin and the CLI call the same functions, so a rule ("rejecting needs a
clause", "a decision is a new row") is written once. Events fire after
commit (``signals.py``); the background tasks a write causes (the outbox's
sender, the held-comment alert, the confirmation e-mail) are enqueued inside
its transaction (background/enqueue.with_commit), so they commit with it.

- ``record_comment``: store a checked and moderated comment with its first
  decision, the system's (the posting service decides it: posting/steps.py).
- ``decide``: record a person's decision (a reversal is one too).
- ``return_to_queue``: the system sends a published comment back to the
  moderators (readers reported it: threads/reports.py).
- ``decide_many``: the same decision on a selection, in one transaction.
- ``undo_decisions``: take back one's own decision within ``UNDO_SECONDS``: a
  new row that restores the status before it and names the row it reverses.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from civility import rows
from civility.errors import NotFound, PermissionDenied, ValidationFailed
from civility.guidelines import site_policy
from civility.privacy.addresses import hash_ip

from . import notifications, roles
from .models import Comment, CommentStatus, DecisionRecord, NotificationRequest
from .signals import comment_decided, comment_posted
from .vocabulary import outcome_of

# How long a moderator may take back their own decision (the queue's toast
# counts 10 seconds; the server allows a little more for the round trip).
UNDO_SECONDS = 10
UNDO_GRACE_SECONDS = 5
# PostgreSQL advisory locks share one space per database: this class names
# the repeat check's (``_lock_for_insert``); ASCII "CiRp".
REPEAT_LOCK_CLASS = 0x43695270


def record_comment(
    *,
    article,
    author_name: str,
    author_email: str,
    text: str,
    language: str,
    content_hash: str,
    decision: dict,
    now: datetime,
    parent=None,
    ip_address: str | None = None,
    notify: bool = False,
    repeat_of: Callable[[], Comment | None] = lambda: None,
) -> tuple[Comment, DecisionRecord | None, bool]:
    """Store the comment and the system's decision together: (comment, decision, created).

    ``repeat_of`` is asked again under a lock: two identical posts at once (a
    double click, a resend after a lost answer) both passed the posting
    service's repeat step while the engine ran. SQLite's BEGIN IMMEDIATE
    already serialises writers; on PostgreSQL a lock on the content hash
    serialises identical posts only (``_lock_for_insert``;
    tests/reliability/test_crash.py). A repeat answers (first, None, False).
    ``ip_address`` is stored only as a keyed hash (privacy/addresses.py).

    No savepoint: called inside the posting service's transaction, this is
    part of it (any error rolls the whole post back); alone, it opens its own.
    The rows go in through ``rows.insert`` (statements compiled once, not per
    post): on SQLite this transaction holds the site's one write lock.
    """
    with transaction.atomic(savepoint=False):
        _lock_for_insert(content_hash)
        first = repeat_of()
        if first is not None:
            return first, None, False
        comment = Comment(
            article=article,
            parent=parent,
            author_name=author_name,
            author_email=author_email,
            text=text,
            language=language,
            created_at=now,
            status=decision["status"],
            content_hash=content_hash,
            ip_hash=hash_ip(ip_address),
            decided_at=now,
            decided_by_person=False,
        )
        rows.insert(comment)
        record = DecisionRecord(comment=comment, actor=None, created_at=now, **decision)
        record.first_of_comment = True  # the outbox needs not look for one before it
        rows.insert(record)
        if notify and comment.status == CommentStatus.PENDING:
            NotificationRequest.objects.create(comment=comment, created_at=now)
            # The first e-mail (the confirmation link) commits with the request.
            notifications.ask_confirmation(comment)
        outcome = outcome_of(comment.status)
        transaction.on_commit(
            lambda: comment_posted.send(
                sender=Comment, comment=comment, decision=record, outcome=outcome
            )
        )
    return comment, record, True


def _lock_for_insert(content_hash: str) -> None:
    """Serialise the posts that could repeat each other, from here to the commit.

    PostgreSQL: a transaction-scoped advisory lock on the content hash (which
    names the article, the poster and the text: posting/steps.repeat), so
    that the second of two identical posts looks for the first only after it
    committed. Posts that differ do not wait for each other. It used to lock
    the article's row, so every post to a breaking-news thread waited for
    the transaction before it to commit, which took three times its CPU in
    wall time while the other posts' engines shared the cores: 69 posts/s
    to one article against 87-92 with this lock (bench/load.py, PostgreSQL
    and Redis, docs/deployment.md).

    SQLite: its transactions begin IMMEDIATE (web/config.py), which already
    holds the one write lock; no statement is needed.
    """
    connection = transaction.get_connection()
    if connection.vendor != "postgresql" or not content_hash:
        return
    # Two 32-bit keys: this lock's own class, then the hash's. Two texts whose
    # hashes share 32 bits only wait for each other, which is harmless.
    key = int.from_bytes(hashlib.blake2b(content_hash.encode(), digest_size=4).digest(), "big")
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [REPEAT_LOCK_CLASS, key - 2**31])


def decide(
    comment, *, status, actor, clause_id: str = "", note: str = "", now=None, reverses=None
) -> DecisionRecord:
    """Record a person's decision on a comment (a new row; reversals too).

    ``reverses``: the decision this one takes back (an undo, an appeal upheld).
    """
    status, clause_id, guideline = _checked(status, actor, clause_id)
    with transaction.atomic():
        return _record_decision(
            comment,
            status=status,
            actor=actor,
            clause_id=clause_id,
            guideline=guideline,
            note=note,
            now=now or timezone.now(),
            reverses=reverses,
        )


def decide_many(
    comments: Iterable, *, status, actor, clause_id: str = "", note: str = "", now=None
) -> list[DecisionRecord]:
    """The same person's decision on several comments, all or none (one transaction).

    A rejection cites a clause the comments break: a clause the guidelines
    *welcome* ("we also welcome constructive criticism") is never a reason to
    reject, so it is refused here, whatever door the decision came by.
    """
    status, clause_id, guideline = _checked(status, actor, clause_id)
    now = now or timezone.now()
    records = []
    with transaction.atomic():
        for comment in comments:
            records.append(
                _record_decision(
                    comment,
                    status=status,
                    actor=actor,
                    clause_id=clause_id,
                    guideline=guideline,
                    note=note,
                    now=now,
                )
            )
    return records


def _checked(status, actor, clause_id: str) -> tuple[CommentStatus, str, str]:
    try:
        status = CommentStatus(status)
    except ValueError:
        raise ValidationFailed(
            "Status must be approved, rejected or pending.", field="status", code="invalid_status"
        ) from None
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can decide on comments.")
    clause_id = (clause_id or "").strip()
    guideline = ""
    if status == CommentStatus.REJECTED:
        if not clause_id:
            raise ValidationFailed(
                "Choose the guideline this comment breaks.",
                field="clause_id",
                code="clause_required",
            )
        clause = site_policy.clause(clause_id)
        if clause is None:
            raise ValidationFailed(
                "No such guideline clause.", field="clause_id", code="unknown_clause"
            )
        if not clause.prohibits:
            raise ValidationFailed(
                "A comment can only be rejected under a guideline it breaks.",
                field="clause_id",
                code="clause_not_prohibited",
            )
        guideline = clause.text
    elif clause_id:
        # Any status: the log names only clauses of the policy in force (issue
        # 12, item 8: an approval stored whatever string it was given).
        clause = site_policy.clause(clause_id)
        if clause is None:
            raise ValidationFailed(
                "No such guideline clause.", field="clause_id", code="unknown_clause"
            )
        guideline = clause.text
    return status, clause_id, guideline


def _record_decision(
    comment, *, status, actor, clause_id, guideline, note, now, reverses=None
) -> DecisionRecord:
    locked = Comment.objects.select_for_update().filter(pk=getattr(comment, "pk", comment)).first()
    if locked is None:
        raise NotFound("No such comment.", code="comment_not_found")
    record = DecisionRecord.objects.create(
        comment=locked,
        status=status,
        actor=actor,
        clause_id=clause_id,
        guideline=guideline,
        note=(note or "").strip(),
        reverses=reverses,
        created_at=now,
    )
    _set_latest(locked, status, now, by_person=actor is not None)
    transaction.on_commit(
        lambda: comment_decided.send(sender=Comment, comment=locked, decision=record)
    )
    if isinstance(comment, Comment):
        comment.status = status
    return record


def _set_latest(comment: Comment, status, now, *, by_person: bool) -> None:
    """The comment's status and its latest decision's time and author kind, together."""
    Comment.objects.filter(pk=comment.pk).update(
        status=status, decided_at=now, decided_by_person=by_person
    )
    comment.status, comment.decided_at, comment.decided_by_person = status, now, by_person


def return_to_queue(
    comment, *, hide: bool, clause_id: str, note: str, reports: dict[str, int], now=None
) -> DecisionRecord:
    """The system's decision that a published comment needs a moderator again.

    Readers reported it (``threads.reports.report_comment`` calls this in its
    own transaction, under its lock). Kept published (``hide=False``: a new
    approved row, so the log says why it is back in the queue) or held at once
    (``hide=True``). ``reports`` counts the reports by clause; the row cites
    the most reported clause and keeps the counts as its evidence.
    """
    clause = site_policy.clause(clause_id)
    status = CommentStatus.PENDING if hide else CommentStatus.APPROVED
    now = now or timezone.now()
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=getattr(comment, "pk", comment))
        record = DecisionRecord.objects.create(
            comment=locked,
            status=status,
            actor=None,
            clause_id=clause.id if clause else "",
            guideline=clause.text if clause else "",
            category="reports",
            evidence=[
                {
                    "category": "reports",
                    "clause_id": cid,
                    "guideline": getattr(site_policy.clause(cid), "text", ""),
                    "score": count,
                    "evidence": [],
                }
                for cid, count in reports.items()
            ],
            suggested="review",
            note=note,
            created_at=now,
        )
        _set_latest(locked, status, now, by_person=False)
        transaction.on_commit(
            lambda: comment_decided.send(sender=Comment, comment=locked, decision=record)
        )
    if isinstance(comment, Comment):
        comment.status = status
    return record


def undo_decisions(decisions: Iterable, *, actor, now=None) -> list[DecisionRecord]:
    """Take back one's own decisions, within ``UNDO_SECONDS``: reversals, not edits.

    For each decision, a new row restores the status the comment had before
    it (and the clause it then cited), names the row it reverses and says so
    in its note. Only the moderator who decided may undo, only while the
    decision is still the comment's latest, and only in the window: after
    that, a reversal is an ordinary decision from the decided lists. All or
    none, in one transaction (a bulk decision is undone whole).
    """
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can decide on comments.")
    now = now or timezone.now()
    records = []
    with transaction.atomic():
        for decision in decisions:
            records.append(_undo(decision, actor, now))
    return records


def _undo(decision, actor, now) -> DecisionRecord:
    locked = (
        DecisionRecord.objects.select_for_update()
        .filter(pk=getattr(decision, "pk", decision))
        .first()
    )
    if locked is None or locked.actor_id != actor.pk:
        raise NotFound("No such decision of yours to undo.", code="decision_not_found")
    history = list(
        DecisionRecord.objects.filter(comment_id=locked.comment_id).order_by("created_at", "id")
    )
    if history[-1].pk != locked.pk:
        raise ValidationFailed(
            "This comment was decided again since; reverse it from its list.",
            field="decision",
            code="undo_superseded",
        )
    if now - locked.created_at > timedelta(seconds=UNDO_SECONDS + UNDO_GRACE_SECONDS):
        raise ValidationFailed(
            "Too late to undo; reverse it from its list.", field="decision", code="undo_expired"
        )
    before = history[-2] if len(history) > 1 else None
    return _record_decision(
        locked.comment_id,
        status=before.status if before else CommentStatus.PENDING,
        actor=actor,
        clause_id=before.clause_id if before else "",
        guideline=before.guideline if before else "",
        note=f"undo of decision {locked.pk}",
        now=now,
        reverses=locked,
    )
