"""/api/comments/{id}: what a reader does with a published comment.

- ``POST /api/comments/{id}/reports``: report it under the guideline it
  breaks (threads/reports.py): counted once per reader and per address, rate
  limited; at the site's threshold it returns to the moderators' queue.
- ``POST`` / ``DELETE /api/comments/{id}/reaction``: the reader's one
  reaction ("Respect", or the site's word), or taking it back.

Who the reader is: nobody signs in here. The reader's browser or app keeps
the signed token every write answers with (``reader``, threads/visitor.py)
and sends it back in the ``X-Civility-Reader`` header; without one, a new
reader's token is made. The same header on ``GET
/api/articles/{slug}/comments`` shows the reader their reactions and their
own held or rejected comments. A browser page of another site is refused
(403, as posting is: ``Sender.check``); the widget has its own routes
(/api/embed, for the sites configured for it).
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Status

from civility.abuse.rate_limits import client_ip
from civility.comments.models import Comment, CommentStatus
from civility.errors import NotFound, PermissionDenied
from civility.posting.submission import Sender
from civility.threads import reactions, reports
from civility.threads.visitor import Visitor

from .schemas import ErrorOut, ReactionOut, ReportedOut, ReportIn

router = Router(tags=["readers"])

# The reader's signed token (threads/visitor.py), in place of a cookie.
READER_HEADER = "X-Civility-Reader"
ERRORS = {status: ErrorOut for status in (400, 403, 404, 415, 422, 429)}


def visitor_of(request: HttpRequest) -> Visitor | None:
    """The reader the request's token names, or None (no token, or a forged or old one)."""
    token = request.headers.get(READER_HEADER, "").strip()
    if not token:
        return None
    found = Visitor.from_token(token)
    return None if found.new else found


def published_comment(comment_id: int) -> Comment:
    """The published comment with this id (404 comment_not_found otherwise)."""
    found = None
    if 0 < comment_id < 2**63:  # PostgreSQL's bigint would raise, not miss
        found = Comment.objects.filter(pk=comment_id, status=CommentStatus.APPROVED).first()
    if found is None:
        raise NotFound("No such comment.", code="comment_not_found", field="comment")
    return found


def check_sender(request: HttpRequest, *, allowed=(), body: bool = True) -> None:
    """JSON (a body) from this site's own pages, or from no browser page at all."""
    sender = Sender.of(request, allowed=allowed)
    if body:
        sender.check()
    elif sender.origin is not None and not sender.origin_trusted():
        # No body to check (a reaction): the page's origin alone.
        raise PermissionDenied(
            "Comments may be reacted to here only from this site's own pages.",
            field="origin",
            code="origin_not_allowed",
        )


@router.post(
    "/{comment_id}/reports",
    response={200: ReportedOut, 201: ReportedOut, **ERRORS},
    summary="Report a published comment under the guideline it breaks",
    description=(
        "201: the report is recorded; 200: this reader (or address) had reported the comment "
        "already, nothing changes. At the site's threshold the comment returns to the "
        "moderators' queue, still published (or is hidden at the second threshold)."
    ),
)
def report(request: HttpRequest, comment_id: int, payload: ReportIn):
    check_sender(request)
    who = visitor_of(request) or Visitor.fresh()
    outcome = reports.report_comment(
        published_comment(comment_id),
        clause_id=payload.clause_id,
        visitor=who,
        ip=client_ip(request),
    )
    if outcome.created:
        message = "Thank you, a moderator will look at it."
    else:
        message = "You have already reported this comment; a moderator will look at it."
    answer = {"reported": outcome.created, "message": message, "reader": who.token()}
    return Status(201 if outcome.created else 200, answer)


@router.post(
    "/{comment_id}/reaction",
    response={200: ReactionOut, **ERRORS},
    summary="Add the reader's reaction to a published comment (once per reader)",
)
def react(request: HttpRequest, comment_id: int):
    """No body: the reader is the X-Civility-Reader token (a new one without)."""
    return _react(request, comment_id, on=True)


@router.delete(
    "/{comment_id}/reaction",
    response={200: ReactionOut, **ERRORS},
    summary="Take the reader's reaction back",
)
def unreact(request: HttpRequest, comment_id: int):
    return _react(request, comment_id, on=False)


def _react(request: HttpRequest, comment_id: int, *, on: bool):
    check_sender(request, body=False)
    who = visitor_of(request) or Visitor.fresh()
    state = reactions.react(
        published_comment(comment_id), visitor=who, on=on, ip=client_ip(request)
    )
    return {**state.to_json(), "reader": who.token()}
