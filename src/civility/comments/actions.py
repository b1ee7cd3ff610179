"""Every write to comments goes through these functions, one transaction each.

The page views, the API, the admin and the CLI call the same functions, so a
rule (validation, "rejecting needs a clause", "a decision is a new row") is
written once. Events fire after commit (``signals.py``).

The life of a comment (docs/life-of-a-comment.md) is ``post_comment``:
validate → refuse closed or unknown articles → answer a repeat with the first
comment → moderate (fail closed) → store the comment and its first decision
together → answer published, held or rejected.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import transaction
from django.utils import timezone

from civility import privacy
from civility.errors import ArticleClosed, NotFound, PermissionDenied, ValidationFailed

from . import engine as engine_bridge
from . import roles, textrules
from .models import Comment, CommentStatus, Decision, NotificationRequest
from .signals import comment_decided, comment_posted

log = logging.getLogger(__name__)

NAME_MAX = 80
EMAIL_MAX = 254
# A second identical submission within this window answers with the first.
DUPLICATE_WINDOW = timedelta(minutes=10)
# How many of the author's recent comments the engine sees for its repeat rule.
RECENT_TEXTS = 20

MESSAGES = {
    "published": "Your comment is published.",
    "held": "Your comment is held for a moderator.",
    "rejected": "Your comment was rejected because it does not meet our guidelines.",
}
OUTCOME_OF_STATUS = {
    CommentStatus.APPROVED: "published",
    CommentStatus.PENDING: "held",
    CommentStatus.REJECTED: "rejected",
}
STATUS_OF_DECISION = {
    "approve": CommentStatus.APPROVED,
    "review": CommentStatus.PENDING,
    "reject": CommentStatus.REJECTED,
}


@dataclass(frozen=True)
class PostedComment:
    comment: Comment
    verdict: object | None  # civility.moderation.Verdict, None when the engine failed
    outcome: str  # "published" | "held" | "rejected"
    message: str
    decision: Decision | None = None
    # The clauses cited: [{"clause_id", "guideline"}] (what a reader may see).
    reasons: list[dict] = field(default_factory=list)
    # False when this answers a repeated submission with the first comment.
    created: bool = True


# --- posting -------------------------------------------------------------------


def post_comment(
    *,
    article,
    author_name: str,
    author_email: str,
    text: str,
    parent=None,
    now: datetime | None = None,
    engine=None,
    ip_address: str | None = None,
    reader=None,
    notify: bool = False,
) -> PostedComment:
    """Validate, moderate and store a reader's comment; answer what happened.

    ``ip_address`` is stored only as a keyed hash, erased after the retention
    period (civility/privacy.py). ``reader``: the signed-in reader (a
    ``civility.readers`` Reader, None for a guest), whose trust rules may
    change the first decision (readers/trust.py). ``notify``: the reader asked
    to be e-mailed when a person decides the comment, kept only when it is
    held (comments/notifications.py).
    """
    now = now or timezone.now()
    article = _open_article(article)
    author_name, author_email, text = _validated(author_name, author_email, text)
    parent = _validated_parent(parent, article)
    content_hash = _content_hash(article.pk, author_email, text)

    repeat = _repeat_of(article, content_hash, now)
    if repeat is not None:
        return _answering_repeat(repeat)

    # Moderate before opening the transaction: the write lock is held for the
    # two inserts only, not for the classifiers.
    verdict, failure = _moderate(article, text, author_email, parent, now, engine)
    decision_fields = _system_decision(verdict, failure)
    if reader is not None:
        from civility.readers import trust

        decision_fields = trust.adjust(decision_fields, reader)

    with transaction.atomic():
        # Two identical posts at once (a double click, a resend after a lost
        # answer) both passed the check above while the engine ran: look again
        # under the write lock. SQLite's BEGIN IMMEDIATE already serialises
        # writers; on PostgreSQL, locking the article row serialises the posts
        # to one article for the two inserts (tests/reliability/test_crash.py).
        list(type(article).objects.select_for_update().filter(pk=article.pk).values_list("pk"))
        repeat = _repeat_of(article, content_hash, now)
        if repeat is not None:
            return _answering_repeat(repeat)
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            author_name=author_name,
            author_email=author_email,
            text=text,
            language=getattr(verdict, "lang", "") or article.language,
            created_at=now,
            status=decision_fields["status"],
            content_hash=content_hash,
            ip_hash=privacy.hash_ip(ip_address),
        )
        decision = Decision.objects.create(
            comment=comment, actor=None, created_at=now, **decision_fields
        )
        if reader is not None:
            trust.link(reader, comment)
        if notify and comment.status == CommentStatus.PENDING:
            NotificationRequest.objects.create(comment=comment, created_at=now)
        outcome = OUTCOME_OF_STATUS[comment.status]
        transaction.on_commit(
            lambda: comment_posted.send(
                sender=Comment, comment=comment, decision=decision, outcome=outcome
            )
        )
    return PostedComment(
        comment=comment,
        verdict=verdict,
        outcome=outcome,
        message=_message(outcome, decision, engine=engine),
        decision=decision,
        reasons=_public_reasons(decision),
    )


def _repeat_of(article, content_hash: str, now: datetime) -> Comment | None:
    return (
        Comment.objects.filter(
            article=article, content_hash=content_hash, created_at__gte=now - DUPLICATE_WINDOW
        )
        .order_by("created_at")
        .first()
    )


def _answering_repeat(repeat: Comment) -> PostedComment:
    decision = repeat.latest_decision
    return PostedComment(
        comment=repeat,
        verdict=None,
        outcome=OUTCOME_OF_STATUS[repeat.status],
        message=_message(OUTCOME_OF_STATUS[repeat.status], decision),
        decision=decision,
        reasons=_public_reasons(decision),
        created=False,
    )


def _open_article(article):
    from civility.articles.models import Article

    if isinstance(article, str):
        article = Article.objects.filter(slug=article).first()
    if article is None or article.pk is None:
        raise NotFound("No such article.", field="article", code="article_not_found")
    if not article.comments_open:
        raise ArticleClosed(field="article")
    return article


def _validated(author_name, author_email, text) -> tuple[str, str, str]:
    author_name = (author_name or "").strip()
    author_email = (author_email or "").strip()
    # Line endings are transport, not content; the text is otherwise stored as written.
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    max_chars = settings.CIVILITY_COMMENT_MAX_CHARS

    if not author_name:
        raise ValidationFailed("Please enter your name.", field="author_name", code="required")
    if len(author_name) > NAME_MAX:
        raise ValidationFailed(
            f"Your name can be {NAME_MAX} characters at most.", field="author_name", code="too_long"
        )
    if not author_email:
        raise ValidationFailed("Please enter your email.", field="author_email", code="required")
    if len(author_email) > EMAIL_MAX:
        raise ValidationFailed(
            "This email address is too long.", field="author_email", code="too_long"
        )
    try:
        EmailValidator()(author_email)
    except ValidationError:
        raise ValidationFailed(
            "Please enter a valid email address.", field="author_email", code="invalid_email"
        ) from None
    if not text:
        raise ValidationFailed("Please write a comment.", field="text", code="required")
    if len(text) > max_chars:
        raise ValidationFailed(
            f"Your comment can be {max_chars:,} characters at most (it has {len(text):,}).",
            field="text",
            code="too_long",
        )
    # Control, bidi-override and invalid characters and accent floods are
    # refused, never stripped: a comment is stored as written (textrules.py).
    textrules.check_text(author_name, field="author_name")
    textrules.check_text(author_email, field="author_email")
    textrules.check_text(
        text, field="text", max_bytes=getattr(settings, "CIVILITY_COMMENT_MAX_BYTES", None)
    )
    return author_name, author_email, text


def _validated_parent(parent, article):
    if parent is None or parent == "":
        return None
    if not isinstance(parent, Comment):
        try:
            pk = int(parent)
            if not 0 < pk < 2**63:  # PostgreSQL's bigint would raise, not miss
                raise ValueError(pk)
            parent = Comment.objects.get(pk=pk)
        except (Comment.DoesNotExist, TypeError, ValueError, OverflowError):
            raise ValidationFailed(
                "No such comment to reply to.", field="parent_id", code="not_found"
            ) from None
    if parent.article_id != article.pk or parent.status != CommentStatus.APPROVED:
        raise ValidationFailed(
            "You can only reply to a published comment on this article.",
            field="parent_id",
            code="invalid_parent",
        )
    return parent


def _content_hash(article_id, email: str, text: str) -> str:
    folded = " ".join(text.split()).casefold()
    return hashlib.sha256(f"{article_id}\n{email.casefold()}\n{folded}".encode()).hexdigest()


def _moderate(article, text, email, parent, now, engine):
    """(verdict, None) or (None, "why") — any failure holds the comment."""
    from civility.moderation.context import Article as EngineArticle

    try:
        engine = engine or engine_bridge.site_engine()
        recent = tuple(
            Comment.objects.filter(author_email=email, created_at__gte=now - timedelta(days=1))
            .order_by("-created_at")
            .values_list("text", flat=True)[:RECENT_TEXTS]
        )
        verdict = engine.moderate(
            text,
            article=EngineArticle(article.title, article.body, article.language),
            lang=article.language,
            parent_text=parent.text if parent is not None else None,
            recent_texts=recent,
            now=now,
        )
        if str(verdict.decision) not in STATUS_OF_DECISION:
            raise ValueError(f"unknown decision {verdict.decision!r}")
        return verdict, None
    except Exception as exc:  # noqa: BLE001 - fail closed: hold, log, go on
        log.exception("moderation failed; holding the comment for review")
        return None, f"moderation failed, held for review: {type(exc).__name__}: {exc}"


def _system_decision(verdict, failure: str | None) -> dict:
    if verdict is None:
        return {
            "status": CommentStatus.PENDING,
            "suggested": "review",
            "note": failure or "",
            "scores": {},
            "evidence": [],
        }
    reasons = list(verdict.reasons)
    top = reasons[0] if reasons else None
    status = STATUS_OF_DECISION[str(verdict.decision)]
    errors = list(getattr(verdict, "errors", ()) or ())
    return {
        "status": status,
        "suggested": str(verdict.decision),
        "clause_id": getattr(top, "clause_id", "") if top else "",
        "guideline": top.guideline if top else "",
        "category": top.category if top else "",
        "scores": verdict.to_json()["scores"],
        "evidence": [{**r.to_json(), "clause_id": r.clause_id} for r in reasons],
        "engine_version": verdict.model or "",
        "note": "; ".join(errors),
    }


def _public_reasons(decision: Decision | None) -> list[dict]:
    if decision is None or decision.status == CommentStatus.APPROVED:
        return []
    if decision.actor_id is not None:
        return [{"clause_id": decision.clause_id, "guideline": decision.guideline}]
    seen, reasons = set(), []
    for reason in decision.evidence or []:
        key = reason.get("clause_id") or reason.get("guideline")
        if key in seen:
            continue
        seen.add(key)
        reasons.append(
            {"clause_id": reason.get("clause_id", ""), "guideline": reason.get("guideline", "")}
        )
    return reasons


def _message(outcome: str, decision: Decision | None, engine=None) -> str:
    """What the reader is told; a rejection quotes the clause's own message."""
    if outcome != "rejected" or decision is None or not decision.clause_id:
        return MESSAGES[outcome]
    policy = getattr(engine, "policy", None)
    try:
        clause = policy.clause(decision.clause_id) if policy is not None else None
    except Exception:  # noqa: BLE001 - the message is a courtesy; fall back
        clause = None
    clause = clause or engine_bridge.clause(decision.clause_id)
    message = getattr(clause, "message", "") if clause is not None else ""
    return message or MESSAGES["rejected"]


# --- deciding ------------------------------------------------------------------


def decide(comment, *, status, actor, clause_id: str = "", note: str = "", now=None) -> Decision:
    """Record a person's decision on a comment (a new row; reversals too)."""
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
        clause = engine_bridge.clause(clause_id)
        if clause is None:
            raise ValidationFailed(
                "No such guideline clause.", field="clause_id", code="unknown_clause"
            )
        guideline = clause.text
    elif clause_id:
        clause = engine_bridge.clause(clause_id)
        guideline = clause.text if clause is not None else ""
    now = now or timezone.now()

    with transaction.atomic():
        locked = (
            Comment.objects.select_for_update().filter(pk=getattr(comment, "pk", comment)).first()
        )
        if locked is None:
            raise NotFound("No such comment.", code="comment_not_found")
        decision = Decision.objects.create(
            comment=locked,
            status=status,
            actor=actor,
            clause_id=clause_id,
            guideline=guideline,
            note=(note or "").strip(),
            created_at=now,
        )
        Comment.objects.filter(pk=locked.pk).update(status=status)
        locked.status = status
        transaction.on_commit(
            lambda: comment_decided.send(sender=Comment, comment=locked, decision=decision)
        )
    if isinstance(comment, Comment):
        comment.status = status
    return decision
