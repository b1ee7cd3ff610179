"""Closing a thread by hand: ``close_comments`` and ``reopen_comments``.

An editor or moderator closes an article's comments (a story that draws only
abuse, a court case); the posting service's first step then refuses every
post with ``409 comments_closed``, and the page and the widget say the
thread is closed. Age closes threads too (``CIVILITY_COMMENTS_CLOSE_AFTER_DAYS``,
articles/closing.py), without a row. Each change here is a ``ThreadAction``
naming who, in the same transaction as the article's flag.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from civility.articles.models import Article
from civility.comments import roles
from civility.errors import PermissionDenied

from .models import ThreadAction
from .signals import after_commit_thread_changed


def close_comments(article, *, actor, note: str = "", now=None) -> bool:
    """Close the article's comments; False when they were closed already."""
    return _set_open(article, False, actor=actor, note=note, now=now)


def reopen_comments(article, *, actor, note: str = "", now=None) -> bool:
    """Open them again (age may still keep them closed: articles/closing.py)."""
    return _set_open(article, True, actor=actor, note=note, now=now)


def _set_open(article, open_: bool, *, actor, note: str, now) -> bool:
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators and editors can close or reopen comments.")
    with transaction.atomic():
        changed = Article.objects.filter(pk=article.pk, comments_open=not open_).update(
            comments_open=open_
        )
        if changed:
            ThreadAction.objects.create(
                kind=ThreadAction.Kind.REOPENED if open_ else ThreadAction.Kind.CLOSED,
                article_id=article.pk,
                actor=actor,
                note=note.strip(),
                created_at=now or timezone.now(),
            )
            after_commit_thread_changed(article.pk)
    article.comments_open = open_
    return bool(changed)
