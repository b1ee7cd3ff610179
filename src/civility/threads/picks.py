"""Editors' picks: a moderator features a published comment, or stops featuring it.

A featured comment is shown first in its thread, marked, on the page and in
the widget (tree.py). Each change is a ``ThreadAction`` row naming the
moderator, in the same transaction; the thread's caches hear of it after
commit.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civility.comments import roles
from civility.comments.models import Comment, CommentStatus
from civility.errors import NotFound, PermissionDenied

from .models import FeaturedComment, ThreadAction
from .signals import after_commit_thread_changed


def _published(comment, actor) -> Comment:
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can feature comments.")
    found = Comment.objects.filter(pk=getattr(comment, "pk", comment)).first()
    if found is None or found.status != CommentStatus.APPROVED:
        raise NotFound(
            "No published comment with that id.", field="comment", code="comment_not_found"
        )
    return found


def feature_comment(comment, *, actor, note: str = "", now=None) -> FeaturedComment:
    """Feature a published comment (featuring it again changes nothing)."""
    comment = _published(comment, actor)
    now = now or timezone.now()
    with transaction.atomic():
        pick, created = FeaturedComment.objects.get_or_create(
            comment=comment,
            defaults={"article_id": comment.article_id, "featured_by": actor, "featured_at": now},
        )
        if created:
            ThreadAction.objects.create(
                kind=ThreadAction.Kind.FEATURED,
                article_id=comment.article_id,
                comment=comment,
                actor=actor,
                note=note.strip(),
                created_at=now,
            )
            after_commit_thread_changed(comment.article_id)
    return pick


def unfeature_comment(comment, *, actor, note: str = "", now=None) -> bool:
    """Stop featuring a comment; False when it was not featured."""
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can feature comments.")
    pk = getattr(comment, "pk", comment)
    with transaction.atomic():
        pick = FeaturedComment.objects.select_for_update().filter(comment_id=pk).first()
        if pick is None:
            return False
        pick.delete()
        ThreadAction.objects.create(
            kind=ThreadAction.Kind.UNFEATURED,
            article_id=pick.article_id,
            comment_id=pk,
            actor=actor,
            note=note.strip(),
            created_at=now or timezone.now(),
        )
        after_commit_thread_changed(pick.article_id)
    return True
