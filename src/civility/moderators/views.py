"""The moderator queue: held comments, the decided lists, and deciding.

Every page needs a signed-in member of the "moderators" or "editors" group:
anonymous visitors are sent to the login page, other users get 403. Deciding
goes through ``civility.comments.actions.decide`` (a new DecisionRecord, never
an edit), from htmx (the item is swapped out in place) or a plain form post
(redirect back), so the queue works without JS too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps
from urllib.parse import urlencode, urlsplit

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civility.articles.models import Article
from civility.comments import actions, roles
from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.errors import CivilityError, ValidationFailed
from civility.guidelines import site_policy
from civility.i18n import clause_text, error_message
from civility.moderation.categories import CATEGORIES, OFF_TOPIC

from . import presentation

PER_PAGE = 50
# Which list each kind of item belongs to; a posted "view" picks the partial.
VIEWS = ("queue", "approved", "rejected")


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
    cited: list[str]
    clause_choice: str
    error: CivilityError | None = None

    @property
    def latest(self) -> DecisionRecord | None:
        return self.decisions[-1] if self.decisions else None


def build_item(comment: Comment, view: str, clause_ids, error=None, clause_choice=None) -> Item:
    decisions = list(comment.decisions.all())  # prefetched, oldest first
    system = presentation.system_decision(decisions)
    evidence = system.evidence if system is not None else []
    return Item(
        comment=comment,
        view=view,
        decisions=decisions,
        system=system,
        marked_text=presentation.highlight(comment.text, evidence),
        scores=presentation.score_rows(system.scores if system is not None else {}),
        cited=presentation.cited_guidelines(evidence),
        clause_choice=(
            clause_choice
            if clause_choice is not None
            else presentation.suggested_clause(system, clause_ids)
        ),
        error=error,
    )


def _with_history(queryset):
    history = DecisionRecord.objects.select_related("actor").order_by("created_at", "id")
    return queryset.select_related("article").prefetch_related(Prefetch("decisions", history))


@moderator_required
def queue(request: HttpRequest) -> HttpResponse:
    """Held comments, oldest first: the one that has waited longest comes first."""
    comments = _with_history(Comment.objects.held().order_by("created_at", "id"))
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("page"))
    clauses = site_policy.clauses()
    ids = [c.id for c in clauses]
    return render(
        request,
        "moderators/queue.html",
        {
            "tab": "queue",
            "page_obj": page,
            "items": [build_item(c, "queue", ids) for c in page.object_list],
            "clauses": presentation.reject_choices(clauses),
            "held_count": page.paginator.count,
        },
    )


@moderator_required
def approved(request: HttpRequest) -> HttpResponse:
    return _decided_list(request, CommentStatus.APPROVED)


@moderator_required
def rejected(request: HttpRequest) -> HttpResponse:
    return _decided_list(request, CommentStatus.REJECTED)


def _decided_list(request: HttpRequest, status: CommentStatus) -> HttpResponse:
    """Decided comments, latest decision first, filterable; each can be reversed."""
    clauses = site_policy.clauses()
    filters = _filters(request)
    latest = DecisionRecord.objects.filter(comment=OuterRef("pk")).order_by("-created_at", "-id")
    comments = Comment.objects.filter(status=status).annotate(
        decided_at=Subquery(latest.values("created_at")[:1]),
        decided_by=Subquery(latest.values("actor_id")[:1]),
    )
    if filters["article"]:
        comments = comments.filter(article__slug=filters["article"])
    if filters["category"]:
        # A category is cited by the engine's decision (category, reasons) or by
        # a person's, through the clause they chose.
        citing = [c.id for c in clauses if filters["category"] in c.categories]
        matches = DecisionRecord.objects.filter(
            Q(category=filters["category"]) | Q(clause_id__in=citing), comment=OuterRef("pk")
        )
        comments = comments.filter(pk__in=Subquery(matches.values("comment_id")))
    if filters["by"] == "system":
        comments = comments.filter(decided_by__isnull=True)
    elif filters["by"] == "person":
        comments = comments.filter(decided_by__isnull=False)
    comments = _with_history(comments.order_by("-decided_at", "-id"))
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("page"))
    view = str(status)
    query = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request,
        "moderators/decided.html",
        {
            "tab": view,
            "status": status,
            "page_obj": page,
            "page_query": f"{query}&" if query else "",
            "items": [build_item(c, view, [x.id for x in clauses]) for c in page.object_list],
            "clauses": presentation.reject_choices(clauses),
            "filters": filters,
            "articles": Article.objects.filter(comments__status=status)
            .distinct()
            .order_by("-published", "title"),
            "categories": (*CATEGORIES, OFF_TOPIC),
        },
    )


def _filters(request: HttpRequest) -> dict[str, str]:
    category = request.GET.get("category", "")
    by = request.GET.get("by", "")
    return {
        "article": request.GET.get("article", "")[:200],
        "category": category if category in (*CATEGORIES, OFF_TOPIC) else "",
        "by": by if by in ("system", "person") else "",
    }


@require_POST
@moderator_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    """Approve or reject one comment (also a reversal): POST status, clause_id, note."""
    comment = get_object_or_404(_with_history(Comment.objects.all()), pk=pk)
    view = request.POST.get("view", "queue")
    view = view if view in VIEWS else "queue"
    status = request.POST.get("status", "")
    clause_id = request.POST.get("clause_id", "")
    htmx = request.headers.get("HX-Request") == "true"
    try:
        if status not in (CommentStatus.APPROVED, CommentStatus.REJECTED):
            raise ValidationFailed(
                _("Choose Approve or Reject."), field="status", code="invalid_status"
            )
        decision = actions.decide(
            comment,
            status=status,
            actor=request.user,
            clause_id=clause_id if status == CommentStatus.REJECTED else "",
            note=request.POST.get("note", ""),
        )
    except CivilityError as error:
        error.message = error_message(error)  # in the moderator's language (civility/i18n.py)
        if htmx:
            clauses = site_policy.clauses()
            item = build_item(comment, view, [c.id for c in clauses], error, clause_id)
            return render(
                request,
                "moderators/_item.html",
                {
                    "item": item,
                    "clauses": presentation.reject_choices(clauses),
                    "back_url": request.POST.get("next", ""),
                },
                status=error.status,
            )
        messages.error(request, error.message)
        return HttpResponseRedirect(_back(request, view))

    summary = _summary(decision)
    if htmx:
        return render(
            request,
            "moderators/_decided.html",
            {"comment": comment, "decision": decision, "summary": summary},
        )
    messages.success(request, summary)
    return HttpResponseRedirect(_back(request, view))


def _summary(decision: DecisionRecord) -> str:
    if decision.status == CommentStatus.APPROVED:
        return _("Approved: the comment is published.")
    # The default policy's clause texts are in the catalogs by clause id (civility/i18n.py); a
    # publisher's own clause text is shown as recorded.
    clause = clause_text(decision.clause_id, decision.guideline) or decision.clause_id
    return _("Rejected under “%(clause)s”.") % {"clause": clause}


def _back(request: HttpRequest, view: str) -> str:
    """Where a plain (non-htmx) decision returns: the page it came from, if ours."""
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(f"moderators:{view}")
