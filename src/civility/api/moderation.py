"""/api/moderation: the queue, decisions and the clauses (moderators only).

Session authentication (the same sign-in as the queue pages) with Django's
CSRF check on writes; a signed-in reader who is not a moderator gets 403.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from civility.comments.actions import decide
from civility.comments.models import Comment, DecisionRecord
from civility.errors import NotFound
from civility.guidelines import site_policy

from .auth import ModeratorSession
from .pagination import paginate
from .schemas import ClauseOut, DecisionIn, DecisionOut, ErrorOut, QueuePage

router = Router(tags=["moderation"], auth=ModeratorSession())


def decision_json(d: DecisionRecord) -> dict:
    return {
        "id": d.pk,
        "status": d.status,
        "actor": d.actor.get_username() if d.actor_id else None,
        "clause_id": d.clause_id,
        "guideline": d.guideline,
        "suggested": d.suggested,
        "note": d.note,
        "created_at": d.created_at,
    }


def queue_item(comment: Comment) -> dict:
    history = sorted(comment.decisions.all(), key=lambda d: (d.created_at, d.pk))
    system = next((d for d in reversed(history) if d.actor_id is None), None)
    return {
        "id": comment.pk,
        "article_slug": comment.article.slug,
        "article_title": comment.article.title,
        "author_name": comment.author_name,
        "text": comment.text,
        "language": comment.language,
        "created_at": comment.created_at,
        "status": comment.status,
        "suggested": system.suggested if system else "",
        "scores": system.scores if system else {},
        "reasons": system.evidence if system else [],
        "engine_version": system.engine_version if system else "",
        "note": system.note if system else "",
        "history": [decision_json(d) for d in history],
    }


@router.get("/queue", response={200: QueuePage, 401: ErrorOut, 403: ErrorOut, 422: ErrorOut})
def queue(request: HttpRequest, page: int = 1):
    """Held comments, oldest first, with the engine's scores, reasons and evidence."""
    held = (
        Comment.objects.held()
        .order_by("created_at", "id")
        .select_related("article")
        .prefetch_related("decisions__actor")
    )
    meta, items = paginate(held, page)
    return {**meta, "comments": [queue_item(c) for c in items]}


@router.post(
    "/comments/{comment_id}/decisions",
    response={
        201: DecisionOut,
        400: ErrorOut,
        401: ErrorOut,
        403: ErrorOut,
        404: ErrorOut,
        422: ErrorOut,
    },
)
def record_decision(request: HttpRequest, comment_id: int, payload: DecisionIn):
    """Approve or reject a comment (rejecting needs a clause). Reversals are new decisions."""
    comment = Comment.objects.filter(pk=comment_id).first()
    if comment is None:
        raise NotFound("No such comment.", code="comment_not_found")
    decision = decide(
        comment,
        status=payload.status,
        actor=request.auth,
        clause_id=payload.clause_id,
        note=payload.note,
    )
    return Status(201, decision_json(decision))


@router.get("/clauses", response={200: list[ClauseOut], 401: ErrorOut, 403: ErrorOut})
def clauses(request: HttpRequest):
    """The guideline clauses a moderator may cite when rejecting: those a comment
    can break (a clause the guidelines welcome is never a reason to reject)."""
    return [
        {"id": c.id, "text": c.text, "message": c.message, "categories": list(c.categories)}
        for c in site_policy.clauses()
        if c.prohibits
    ]
