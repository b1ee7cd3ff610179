"""A thread as readers see it: replies under their parent, picks first, sorted.

One function, ``thread_page``, lays out a page of an article's published
comments for the article page, the widget and the API alike:

- the top-level comments are paginated, editors' picks first, then in the
  reader's order: oldest, newest or most reacted (``SORTS``);
- each carries its published replies, oldest first (a conversation reads
  in order), nested as deep as they were written;
- a reply whose parent is no longer published (rejected later) is kept and
  shown at the top level, without its parent's text (``parent_gone``);
- the reader's own comments that are not published (held, or rejected) are
  shown back to them only, in place: a reply under its parent, a comment at
  the end of the last page (oldest first) or the top of the first (newest).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, OuterRef, Q

from civility.articles import closing
from civility.comments.models import Comment, CommentStatus
from civility.comments.vocabulary import outcome_of, reader_message

from . import reactions
from .models import FeaturedComment
from .visitor import Visitor

SORTS = ("oldest", "newest", "reactions")
DEFAULT_SORT = "oldest"
PER_PAGE = 50
# However deep replies were once allowed, a thread is laid out at most this deep.
MAX_LEVELS = 10

_ORDER = {
    "oldest": ("created_at", "id"),
    "newest": ("-created_at", "-id"),
    "reactions": ("-reaction_count", "created_at", "id"),
}


@dataclass
class Entry:
    """One comment in the thread, with what the page needs to show it."""

    comment: Comment
    depth: int = 0
    reaction_count: int = 0
    featured: bool = False
    reacted: bool = False
    parent_gone: bool = False
    can_reply: bool = False
    # The reader's own comment that is not published: "held" or "rejected", and why.
    own: str = ""
    own_message: str = ""
    replies: list[Entry] = field(default_factory=list)

    @property
    def id(self) -> int:
        return self.comment.pk


@dataclass
class Thread:
    article: object
    entries: list[Entry]
    page: Page
    sort: str
    count: int  # published comments, replies included
    open: bool


def choose_sort(value: str | None) -> str:
    return value if value in SORTS else DEFAULT_SORT


def published(article):
    """The article's published comments, with their reaction counts and pick flag."""
    return (
        Comment.objects.filter(article=article, status=CommentStatus.APPROVED)
        .annotate(
            reaction_count=Count("reactions"),
            is_featured=Exists(FeaturedComment.objects.filter(comment=OuterRef("pk"))),
        )
        .select_related("parent")
    )


def thread_page(
    article,
    *,
    sort: str | None = None,
    page=None,
    visitor: Visitor | None = None,
    per_page: int = PER_PAGE,
) -> Thread:
    sort = choose_sort(sort)
    is_open = closing.is_open(article)
    depth_limit = int(getattr(settings, "CIVILITY_REPLY_DEPTH", 1))
    comments = published(article)
    top = comments.filter(Q(parent__isnull=True) | ~Q(parent__status=CommentStatus.APPROVED))
    top = top.order_by("-is_featured", *_ORDER[sort])
    page_obj = Paginator(top, per_page).get_page(page)

    def entry(comment, depth):
        return Entry(
            comment=comment,
            depth=depth,
            reaction_count=comment.reaction_count,
            featured=comment.is_featured,
            parent_gone=depth == 0 and comment.parent_id is not None,
            can_reply=is_open and depth < depth_limit,
        )

    entries = [entry(c, 0) for c in page_obj.object_list]
    by_id = {e.id: e for e in entries}
    level = list(entries)
    for depth in range(1, MAX_LEVELS + 1):
        if not level:
            break
        children = comments.filter(parent_id__in=[e.id for e in level]).order_by("created_at", "id")
        level = []
        for child in children:
            e = entry(child, depth)
            by_id[child.parent_id].replies.append(e)
            by_id[e.id] = e
            level.append(e)
    for pk in reactions.reacted_to(list(by_id), visitor):
        by_id[pk].reacted = True
    _place_own(entries, by_id, article, visitor, sort, page_obj)
    count = Comment.objects.filter(article=article, status=CommentStatus.APPROVED).count()
    return Thread(article, entries, page_obj, sort, count, is_open)


def own_unpublished(article, visitor: Visitor | None):
    """The comments this browser posted on the article that are not published
    (held or rejected), oldest first: shown to it alone, in place."""
    if visitor is None or not visitor.own:
        return Comment.objects.none()
    return (
        Comment.objects.filter(pk__in=visitor.own, article=article)
        .exclude(status=CommentStatus.APPROVED)
        .order_by("created_at", "id")
    )


def _place_own(entries, by_id, article, visitor, sort, page_obj) -> None:
    tops = []
    for comment in own_unpublished(article, visitor):
        decision = comment.latest_decision
        e = Entry(
            comment=comment,
            own=outcome_of(comment.status),
            own_message=reader_message(comment.status, decision.clause_id if decision else ""),
        )
        parent = by_id.get(comment.parent_id) if comment.parent_id else None
        if parent is not None:
            e.depth = parent.depth + 1
            parent.replies.append(e)
        elif comment.parent_id is None:
            tops.append(e)
        # (a reply whose parent is on another page is shown on that page)
    if sort == "newest" and page_obj.number == 1:
        entries[:0] = list(reversed(tops))
    elif sort != "newest" and not page_obj.has_next():
        entries.extend(tops)


def count_comments(articles) -> dict[int, int]:
    """Published comments per article id, for lists of articles (one query)."""
    ids = [getattr(a, "pk", a) for a in articles]
    rows = (
        Comment.objects.filter(article_id__in=ids, status=CommentStatus.APPROVED)
        .values("article_id")
        .annotate(n=Count("id"))
    )
    counts = dict.fromkeys(ids, 0)
    counts.update({row["article_id"]: row["n"] for row in rows})
    return counts
