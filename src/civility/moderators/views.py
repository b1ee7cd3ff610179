"""The moderators' desk: the held queue and the decided lists, with search.

Every page needs a signed-in member of the "moderators" or "editors" group:
anonymous visitors are sent to the login page, other users get 403. The
writes (deciding, undoing, bulk, sanctions, settings) are in decisions.py;
the dashboard in dashboard.py. Without JS every page still works: the forms
post normally and the page reloads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlsplit

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Exists, OuterRef, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from civility.articles import closing
from civility.articles.models import Article
from civility.comments import roles
from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.errors import CivilityError
from civility.guidelines import site_policy
from civility.threads.models import FeaturedComment
from civility.threads.reports import returned_to_queue

from . import holds, keyset, preferences, presentation
from .history import History, histories
from .models import QueueOrder
from .search import Search, held_order

PER_PAGE = 50
# Which list each kind of item belongs to; a posted "view" picks the partial.
VIEWS = ("queue", "reported", "approved", "rejected")
# How often an open list asks for its counts (htmx polling, seconds).
POLL_SECONDS = 20


def moderator_required(view):
    """Anonymous → login page; signed in but not a moderator → 403."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.headers.get("HX-Request") == "true":
                # The session ran out while the queue was open: htmx would
                # follow a redirect and swap the login page into one item, so
                # ask it to load the login page as a whole page instead.
                current = urlsplit(request.headers.get("HX-Current-URL", ""))
                back = current.path or reverse("moderators:queue")
                back += f"?{current.query}" if current.query and current.path else ""
                response = HttpResponse(status=401)
                response["HX-Redirect"] = redirect_to_login(back)["Location"]
                return response
            return redirect_to_login(request.get_full_path())
        if not roles.is_moderator(request.user):
            raise DjangoPermissionDenied(_("Only moderators can see the moderation queue."))
        return view(request, *args, **kwargs)

    return wrapper


@dataclass
class Item:
    """One comment as the queue and the lists show it."""

    comment: Comment
    view: str
    decisions: list[DecisionRecord]
    system: DecisionRecord | None
    marked_text: str
    scores: list[presentation.ScoreRow]
    reasons: list[holds.HoldReason]
    # The engine's clause, shown as a hint beside the select, never preselected.
    engine_clause: str
    history: History = field(default_factory=History)
    # Open reader reports, by clause: [(clause label, count)] (reported.py).
    reports: list = field(default_factory=list)
    clause_choice: str = ""
    error: CivilityError | None = None
    # An editors' pick (threads/picks.py): shown first in its thread.
    featured: bool = False

    @property
    def latest(self) -> DecisionRecord | None:
        return self.decisions[-1] if self.decisions else None


def build_items(comments, view: str, *, error=None, clause_choice: str = "") -> list[Item]:
    policy = site_policy.policy()
    ids = [c.id for c in policy.clauses if c.prohibits]
    found = histories(comments)
    picked = set(
        FeaturedComment.objects.filter(comment_id__in=[c.pk for c in comments]).values_list(
            "comment_id", flat=True
        )
    )
    items = []
    for comment in comments:
        decisions = list(comment.decisions.all())  # prefetched, oldest first
        system = presentation.system_decision(decisions)
        evidence = system.evidence if system is not None else []
        items.append(
            Item(
                comment=comment,
                view=view,
                decisions=decisions,
                system=system,
                marked_text=presentation.highlight(comment.text, evidence),
                scores=presentation.score_rows(system.scores if system is not None else {}),
                reasons=holds.hold_reasons(comment, system, policy),
                engine_clause=presentation.clause_label(presentation.suggested_clause(system, ids)),
                history=found.get(comment.pk, History()),
                clause_choice=clause_choice,
                error=error,
                featured=comment.pk in picked,
            )
        )
    return items


def with_history(queryset):
    history = DecisionRecord.objects.select_related("actor").order_by("created_at", "id")
    return queryset.select_related("article").prefetch_related(Prefetch("decisions", history))


def _list_context(request, tab: str, search: Search, comments, status) -> dict:
    """The page's context; ``comments`` is a queryset (numbered pages: the held
    queue, which stays short) or a keyset.Page already read (the decided lists)."""
    clauses = site_policy.clauses()
    if isinstance(comments, keyset.Page):
        page, rows = comments, comments.items
    else:
        page = Paginator(comments, PER_PAGE).get_page(request.GET.get("page"))
        rows = list(page.object_list)
    query = search.query()
    settings_ = preferences.of(request.user)
    return {
        "tab": tab,
        "status": status,
        "search": search,
        "page_obj": page,
        "page": page,
        "page_query": f"{query}&" if query else "",
        "items": build_items(rows, tab),
        "clauses": presentation.reject_choices(clauses),
        "search_clauses": presentation.search_choices(clauses),
        "articles": _article_choices(status, search.article),
        "orders": QueueOrder.choices,
        "desk": settings_,
        "shortcuts": tab == "queue" and settings_.shortcuts,
        "counts": counts(),
        "newest": _newest_held(),
        "poll_seconds": POLL_SECONDS,
        # A list filtered to one article: its comments can be closed or reopened here.
        "panel": article_panel(search.article),
    }


def article_panel(slug: str) -> dict | None:
    """The article a list is filtered to (by its slug), and whether readers may post now."""
    article = Article.objects.filter(slug=slug).first() if slug else None
    if article is None:
        return None
    return {
        "article": article,
        "closed_by_hand": not article.comments_open,
        "open": closing.is_open(article),
    }


@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    """Held comments, oldest first (or most uncertain first), searchable."""
    desk = preferences.of(request.user)
    search = Search.from_request(request, _clause_ids(), default_order=desk.order)
    comments = with_history(held_order(search.apply(Comment.objects.held()), search.order))
    context = _list_context(request, "queue", search, comments, CommentStatus.PENDING)
    return render(request, "moderators/queue.html", context)


@moderator_required
def approved(request: HttpRequest) -> HttpResponse:
    return _decided_list(request, CommentStatus.APPROVED)


@moderator_required
def rejected(request: HttpRequest) -> HttpResponse:
    return _decided_list(request, CommentStatus.REJECTED)


def _decided_list(request: HttpRequest, status: CommentStatus) -> HttpResponse:
    """Decided comments, latest decision first, searchable; each can be reversed.

    Sorted and filtered on the comment's own indexed columns (``decided_at``,
    ``decided_by_person``, written with the status by the actions), paged by
    position (keyset.py): no page of a million decided comments reads more
    than the rows it shows (docs/deployment.md, "A million comments").
    """
    search = Search.from_request(request, _clause_ids())
    comments = search.apply(Comment.objects.filter(status=status))
    if search.by:
        comments = comments.filter(decided_by_person=search.by == "person")
    page = keyset.page(with_history(comments), request.GET, per_page=PER_PAGE)
    context = _list_context(request, str(status), search, page, status)
    return render(request, "moderators/decided.html", context)


# The article menu lists the most recently published articles with comments in
# the list (a DISTINCT over every article with one read them all, for every page).
ARTICLE_CHOICES = 100


def _article_choices(status: CommentStatus, selected: str) -> list[Article]:
    has = Comment.objects.filter(article=OuterRef("pk"), status=status)
    # The menu shows a slug and a title: the articles' bodies stay in the database.
    menu = Article.objects.only("slug", "title")
    articles = list(
        menu.filter(Exists(has)).order_by("-published", "-created_at")[:ARTICLE_CHOICES]
    )
    if selected and all(a.slug != selected for a in articles):
        articles += list(menu.filter(slug=selected))
    return articles


def _newest_held() -> int:
    """The newest held comment's id, read from the queue's index (newest by time)."""
    newest = Comment.objects.held().order_by("-created_at", "-id").values_list("id", flat=True)
    return newest.first() or 0


def _clause_ids() -> list[str]:
    return [c.id for c in site_policy.clauses()]


# A list's count is exact up to this many comments; above it, on PostgreSQL,
# it is the planner's estimate (from the statistics autovacuum keeps): an
# exact COUNT(*) of a million approved comments reads them all, on every list
# page and every poll of the counts (issue 16: 0.25-0.45 s each).
EXACT_UP_TO = 10_000


def counts() -> dict[str, int]:
    """How many comments each list holds now."""
    by_status = dict.fromkeys(CommentStatus.values, 0)
    for status in CommentStatus.values:
        by_status[status] = count_of(Comment.objects.filter(status=status))
    # Published comments readers' reports sent back to the desk (threads/reports.py).
    by_status["reported"] = count_of(returned_to_queue())
    return by_status


# Above this many times EXACT_UP_TO, by the planner's estimate, it is shown without
# counting first: counting the first 10,001 rejected comments of a million
# took 33 ms of a 190 ms list page. Statistics go stale by tens of percent,
# never by a factor five, so a list this big is surely past EXACT_UP_TO.
ESTIMATE_ONLY_FACTOR = 5


def count_of(queryset) -> int:
    """``queryset.count()``, exact up to EXACT_UP_TO rows, estimated above on PostgreSQL."""
    ids = queryset.order_by().values("pk")
    if connection.vendor == "postgresql":
        estimate = _planner_estimate(ids)
        if estimate > ESTIMATE_ONLY_FACTOR * EXACT_UP_TO:
            return estimate
    exact = ids[: EXACT_UP_TO + 1].count()
    if exact <= EXACT_UP_TO:
        return exact
    if connection.vendor != "postgresql":
        return queryset.count()
    return max(estimate, exact)


def _planner_estimate(ids) -> int:
    sql, params = ids.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


@moderator_required
def counts_fragment(request: HttpRequest) -> HttpResponse:
    """The lists' counts, polled by every open list (and sent after each decision).

    ``newest`` is the newest held comment the page was built with: held
    comments posted since are announced with a link that shows them.
    """
    try:
        newest = int(request.GET.get("newest", "0"))
    except ValueError:
        newest = 0
    arrived = Comment.objects.held().filter(pk__gt=newest).count() if newest >= 0 else 0
    return render(
        request,
        "moderators/_counts.html",
        {
            "counts": counts(),
            "arrived": arrived,
            "newest": newest,
            "tab": request.GET.get("tab", "queue"),
            "poll_seconds": POLL_SECONDS,
        },
    )
