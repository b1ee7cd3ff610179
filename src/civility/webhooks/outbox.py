"""Which events a decision raises, and their outbox rows (same transaction).

``on_decision_saved`` runs on DecisionRecord's post_save, inside the transaction of
``comments.actions.record_comment`` or ``decide``: if that transaction rolls
back, no event is left behind; if it commits, the event is in the outbox and
the task that sends it (``tasks.send_webhooks``) is queued in the same
transaction (with the database backend; after the commit with any other).
A failure here fails the decision too: an event
that the outbox cannot hold must not silently go missing.
"""

from __future__ import annotations

import uuid

from civility import rows
from civility.comments.models import CommentStatus

from .models import Delivery, Endpoint, Event

EVENT_OF_STATUS = {
    CommentStatus.PENDING: Event.HELD,
    CommentStatus.APPROVED: Event.APPROVED,
    CommentStatus.REJECTED: Event.REJECTED,
}
FINAL = {CommentStatus.APPROVED, CommentStatus.REJECTED}


def events_for(status: str, previous_status: str | None) -> list[str]:
    """The events one decision raises, given the status before it (None: a new comment).

    A new comment raises ``comment.created`` and its first status. A later
    decision raises its status; one that overturns an approval or a
    rejection raises ``comment.decision_reversed`` as well.
    """
    events = [] if previous_status is not None else [Event.CREATED]
    events.append(EVENT_OF_STATUS[CommentStatus(status)])
    if previous_status in FINAL and previous_status != status:
        events.append(Event.REVERSED)
    return [str(e) for e in events]


def on_decision_saved(sender, instance, created, **kwargs) -> None:
    if not created or kwargs.get("raw"):
        return  # decisions are append-only; raw = loading a fixture
    # Most sites have no endpoint: a compiled look first (civility/rows.py),
    # since this runs in the posting transaction, under SQLite's write lock.
    if rows.first_pk(Endpoint, {"active =": True}, order_by="id") is None:
        return
    endpoints = list(Endpoint.objects.filter(active=True))
    if not endpoints:
        return
    decision = instance
    if getattr(decision, "first_of_comment", False):  # a new comment's first decision
        previous = None
    else:
        previous = (
            decision.comment.decisions.exclude(pk=decision.pk)
            .order_by("-created_at", "-id")
            .first()
        )
    previous_status = previous.status if previous is not None else None
    deliveries = []
    for event in events_for(decision.status, previous_status):
        payload = build_payload(event, decision, previous_status)
        deliveries += [
            Delivery(
                event_id=payload["id"],
                endpoint=endpoint,
                event=event,
                payload=payload,
                created_at=decision.created_at,
                next_attempt_at=decision.created_at,
            )
            for endpoint in endpoints
            if endpoint.wants(event)
        ]
    if deliveries:
        Delivery.objects.bulk_create(deliveries)
        from civility.background.enqueue import with_commit

        from .tasks import send_webhooks

        with_commit(send_webhooks)


def build_payload(event: str, decision, previous_status: str | None) -> dict:
    """What receivers get. No e-mail or IP address: receivers are other systems."""
    comment = decision.comment
    article = comment.article
    return {
        "id": str(uuid.uuid4()),
        "type": event,
        "created_at": decision.created_at.isoformat(),
        "data": {
            "comment": {
                "id": comment.pk,
                "article": {"slug": article.slug, "url": article.get_absolute_url()},
                "parent_id": comment.parent_id,
                "author_name": comment.author_name,
                "text": comment.text,
                "language": comment.language,
                "status": decision.status,
                "created_at": comment.created_at.isoformat(),
            },
            "decision": {
                "id": decision.pk,
                "status": decision.status,
                # None: the automatic moderation decided.
                "actor": decision.actor.get_username() if decision.actor_id else None,
                "clause_id": decision.clause_id,
                "guideline": decision.guideline,
                "category": decision.category,
                "suggested": decision.suggested,
                "scores": decision.scores,
                "created_at": decision.created_at.isoformat(),
            },
            "previous_status": previous_status,
        },
    }


def erase_author(comment_ids, placeholder: str) -> int:
    """Replace the author's name in the outbox's copies of these comments.

    Called by ``civility.privacy.erase_commenter`` in its transaction: an
    erased name must not live on in the delivery log or be sent later.
    """
    if not comment_ids:
        return 0
    copies = Delivery.objects.filter(payload__data__comment__id__in=list(comment_ids))
    changed = 0
    for copy in copies:
        payload = copy.payload
        payload["data"]["comment"]["author_name"] = placeholder
        Delivery.objects.filter(pk=copy.pk).update(payload=payload)
        changed += 1
    return changed
