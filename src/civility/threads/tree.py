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
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from civility.articles import closing
from civility.comments.models import Comment, CommentStatus
from civility.comments.vocabulary import outcome_of, reader_message

from . import cache, reactions
from .models import FeaturedComment, Reaction
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
    """The article's published comments, each with its reaction count.

    The count is a subquery per row, not a join with GROUP BY: a page of the
    thread then comes straight from the comments' thread index, in order
    (tests/web/test_list_queries.py).
    """
    counts = (
        Reaction.objects.filter(comment=OuterRef("pk"))
        .order_by()
        .values("comment")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Comment.objects.filter(article=article, status=CommentStatus.APPROVED).annotate(
        reaction_count=Coalesce(Subquery(counts), 0)
    )


def _top_level(comments):
    """Comments shown at the top: not replies, or replies whose parent is gone."""
    return comments.filter(Q(parent__isnull=True) | ~Q(parent__status=CommentStatus.APPROVED))


def top_level_count(article) -> int:
    """How many comments the article's thread shows at the top level (pages count them)."""
    return _top_level(published(article)).count()


class _PicksFirst:
    """The top-level comments as a Paginator reads them: the editors' picks
    (few, read whole), then the others in the reader's order, a slice at a
    time from the index; never one query that sorts the thread by "featured"."""

    def __init__(self, picks: list, rest):
        self.picks = picks
        self.rest = rest

    def count(self) -> int:
        return len(self.picks) + self.rest.count()

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        head = self.picks[start:stop]
        skip = len(self.picks)
        if stop is not None and stop <= skip:
            return head
        rest_stop = None if stop is None else stop - skip
        return head + list(self.rest[max(0, start - skip) : rest_stop])


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
    featured = set(
        FeaturedComment.objects.filter(article=article).values_list("comment_id", flat=True)
    )
    top = _top_level(comments).order_by(*_ORDER[sort])
    picks = list(top.filter(pk__in=featured)) if featured else []
    rest = top.exclude(pk__in=[c.pk for c in picks]) if picks else top
    page_obj = Paginator(_PicksFirst(picks, rest), per_page).get_page(page)

    def entry(comment, depth):
        return Entry(
            comment=comment,
            depth=depth,
            reaction_count=comment.reaction_count,
            featured=comment.pk in featured,
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
    # An erased comment's author is gone: nothing of it is shown back.
    for comment in own_unpublished(article, visitor).filter(erased_at__isnull=True):
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


# --- the cached layout, and the reader's overlay -----------------------------------

# What an Entry's comment keeps in the cache: what a page shows, nothing more.
_COMMENT_FIELDS = (
    "id",
    "article_id",
    "parent_id",
    "author_name",
    "erased_at",
    "created_at",
    "language",
    "text",
    "status",
)


def entry_data(e: Entry) -> dict:
    """An Entry as plain data (for the shared cache), its replies included.

    The reader's own parts (``reacted``, ``own``) are not kept: they are laid
    over per request (``cached_thread_page``).
    """
    return {
        "comment": {name: getattr(e.comment, name) for name in _COMMENT_FIELDS},
        "depth": e.depth,
        "reaction_count": e.reaction_count,
        "featured": e.featured,
        "parent_gone": e.parent_gone,
        "can_reply": e.can_reply,
        "replies": [entry_data(r) for r in e.replies],
    }


def entry_from_data(data: dict) -> Entry:
    """The Entry ``entry_data`` wrote (an unsaved Comment carries the fields)."""
    return Entry(
        comment=Comment(**data["comment"]),
        depth=data["depth"],
        reaction_count=data["reaction_count"],
        featured=data["featured"],
        parent_gone=data["parent_gone"],
        can_reply=data["can_reply"],
        replies=[entry_from_data(r) for r in data["replies"]],
    )


class _Counted:
    """What a Paginator needs to number pages: the count alone (the rows are cached)."""

    def __init__(self, count: int):
        self._count = count

    def count(self) -> int:
        return self._count


def cached_thread_page(
    article,
    *,
    sort: str | None = None,
    page=None,
    visitor: Visitor | None = None,
    per_page: int = PER_PAGE,
) -> Thread:
    """``thread_page`` with its published layout from the shared thread cache
    (threads/cache.py), per (article, sort, page), and the reader's overlay
    (their reactions, their own held or rejected comments) read per request.

    A bad or too-large ``page`` is the nearest real page, as ``get_page`` does.
    """
    sort = choose_sort(sort)
    current = cache.version(article.pk)
    tops = cache.cached(
        article.pk,
        "thread-tops",
        (),
        lambda: top_level_count(article),
        current=current,
    )
    paginator = Paginator(_Counted(tops), per_page)
    try:
        number = paginator.validate_number(page)
    except PageNotAnInteger:
        number = 1
    except EmptyPage:
        number = paginator.num_pages

    def build() -> dict:
        thread = thread_page(article, sort=sort, page=number, per_page=per_page)
        return {
            "entries": [entry_data(e) for e in thread.entries],
            "count": thread.count,
            "open": thread.open,
        }

    data = cache.cached(article.pk, "thread-page", (sort, number, per_page), build, current=current)
    entries = [entry_from_data(d) for d in data["entries"]]
    page_obj = Page(entries, number, paginator)
    by_id: dict[int, Entry] = {}

    def index(level):
        for e in level:
            by_id[e.id] = e
            index(e.replies)

    index(entries)
    for pk in reactions.reacted_to(list(by_id), visitor):
        by_id[pk].reacted = True
    _place_own(entries, by_id, article, visitor, sort, page_obj)
    return Thread(article, entries, page_obj, sort, data["count"], data["open"])
