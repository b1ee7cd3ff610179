"""Reactions: one "Respect" (or the site's word) per reader per comment.

``react`` adds the reader's reaction or takes it back (``on=False``); a
second reaction from the same reader changes nothing. Nothing about who
reacted is kept beyond what the one-per-reader rule needs: a keyed hash of
the reader's key with the comment's id (visitor.py), which cannot be linked
to the same reader's other reactions. Rate limited per address
(``CIVILITY_RATE_LIMIT_REACTIONS``), counted in the cache, not stored.

A reader's key costs nothing to drop (a script sends none and gets a new
one each time), so one per reader alone would let one connection add
reactions to a comment up to the address's whole allowance. Each address
therefore adds at most ``CIVILITY_RATE_LIMIT_REACTIONS_PER_COMMENT`` (5 a
day) to one comment: a few readers behind one office or mobile network
still count, a script does not. Past it a new reaction is simply not
counted (the button is not pressed), as a second one from the same reader.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext

from civility.abuse import rate_limits as limits
from civility.comments.models import Comment, CommentStatus
from civility.errors import NotFound, RateLimited

from .models import Reaction
from .signals import after_commit_thread_changed
from .visitor import Visitor


@dataclass(frozen=True)
class ReactionState:
    comment_id: int
    count: int
    reacted: bool

    def to_json(self) -> dict:
        return {"comment_id": self.comment_id, "count": self.count, "reacted": self.reacted}


def label() -> str:
    """The reaction's word: the site's own, else "Respect" in the active language."""
    return getattr(settings, "CIVILITY_REACTION_LABEL", "") or gettext("Respect")


def react(comment, *, visitor: Visitor, on: bool = True, ip: str | None = None, now=None):
    """Add (or with ``on=False`` take back) this reader's reaction; the new state."""
    pk = getattr(comment, "pk", comment)
    published = Comment.objects.filter(pk=pk, status=CommentStatus.APPROVED).first()
    if published is None:
        raise NotFound("No such comment.", field="comment", code="comment_not_found")
    if ip:
        limits.hit("reaction", ip, settings.CIVILITY_RATE_LIMIT_REACTIONS)
    key = visitor.reaction_of(published.pk)
    changed = False
    try:
        with transaction.atomic():
            mine = Reaction.objects.filter(comment=published, reader=key)
            if on and not mine.exists() and not _address_spent(published.pk, ip):
                Reaction.objects.create(
                    comment=published, reader=key, created_at=now or timezone.now()
                )
                changed = True
            elif not on:
                changed = mine.delete()[0] > 0
            if changed:
                after_commit_thread_changed(published.article_id)
    except IntegrityError:
        pass  # the same reader, twice at once: the first one counted
    return state(published.pk, visitor)


def _address_spent(comment_id: int, ip: str | None) -> bool:
    """Has this address added its share of reactions to this comment (see above)?"""
    if not ip:
        return False
    try:
        limits.hit(
            "reaction-comment",
            f"{comment_id}\n{ip}",
            settings.CIVILITY_RATE_LIMIT_REACTIONS_PER_COMMENT,
        )
    except RateLimited:
        return True
    return False


def state(comment_id: int, visitor: Visitor | None) -> ReactionState:
    count = Reaction.objects.filter(comment_id=comment_id).count()
    reacted = (
        visitor is not None
        and (
            Reaction.objects.filter(comment_id=comment_id, reader=visitor.reaction_of(comment_id))
        ).exists()
    )
    return ReactionState(comment_id, count, reacted)


def reacted_to(comment_ids, visitor: Visitor | None) -> set[int]:
    """Which of these comments this reader has reacted to (one query)."""
    if visitor is None or not comment_ids:
        return set()
    keys = {visitor.reaction_of(pk): pk for pk in comment_ids}
    found = Reaction.objects.filter(comment_id__in=list(keys.values()), reader__in=list(keys))
    return set(found.values_list("comment_id", flat=True))
