"""Request and response shapes. Nothing here carries an email address,
an IP address or (outside the moderation API) a score."""

from __future__ import annotations

import datetime as dt

from ninja import Schema


class ErrorBody(Schema):
    code: str
    message: str
    field: str | None = None


class ErrorOut(Schema):
    error: ErrorBody


class ArticleSummary(Schema):
    slug: str
    title: str
    published: dt.date
    source: str
    language: str
    tags: list[str]
    comments_open: bool
    url: str


class ArticleOut(ArticleSummary):
    dateline: str
    body: str
    external_id: str | None = None


class ArticlePage(Schema):
    count: int
    page: int
    pages: int
    articles: list[ArticleSummary]


class ArticleIn(Schema):
    slug: str
    title: str
    published: str
    body: str
    source: str = ""
    dateline: str = ""
    language: str = "en"
    tags: list[str] = []
    comments_open: bool = True
    external_id: str | None = None


class ImportOut(Schema):
    slug: str
    result: str  # created | updated | unchanged


class CommentIn(Schema):
    # Everything optional here so that the action's own checks answer, with
    # the same codes and messages as the page form.
    author_name: str = ""
    author_email: str = ""
    text: str = ""
    parent_id: int | None = None
    # A signed-in reader's token from the publisher's site (docs/sign-in.md);
    # also accepted as `Authorization: Bearer`. Its name and e-mail are used.
    reader_token: str = ""
    # E-mail the author when a moderator decides a held comment (docs/reader-feedback.md).
    notify: bool = False


class ReasonOut(Schema):
    clause_id: str
    guideline: str


class PostedOut(Schema):
    id: int
    status: str
    outcome: str
    message: str
    reasons: list[ReasonOut]
    # With CIVILITY_DSA: the author's page for this comment (statement of reasons, appeal).
    statement_url: str | None = None
    # The reader's signed token, now listing this comment (threads/visitor.py):
    # sent back in X-Civility-Reader, the thread shows them their held comment.
    reader: str = ""


class CommentOut(Schema):
    """A comment of a thread (threads/payload.py), with its replies under it."""

    id: int
    author_name: str  # "" when the author had their name erased (erased: true)
    erased: bool
    text: str
    language: str
    created_at: dt.datetime
    parent_id: int | None = None
    featured: bool  # an editors' pick: shown first
    reactions: int
    reacted: bool  # the reader's own reaction (with X-Civility-Reader)
    parent_gone: bool  # a reply whose parent is no longer published: at the top, alone
    can_reply: bool
    # The reader's own comment that is not published, shown to them alone:
    # "held" or "rejected" (and why), with X-Civility-Reader.
    own: str = ""
    own_message: str = ""
    replies: list[CommentOut] = []


class ThreadPage(Schema):
    count: int  # published comments, replies included
    page: int  # pages of top-level comments, 50 a page
    pages: int
    sort: str  # oldest | newest | reactions
    open: bool  # false: the thread is closed, posts are refused (409)
    comments: list[CommentOut]


class ReportIn(Schema):
    clause_id: str = ""  # a clause the guidelines prohibit (GET /api/moderation/clauses lists them)


class ReportedOut(Schema):
    reported: bool  # false: this reader (or address) had reported it already
    message: str
    reader: str  # the reader's signed token: send it back in X-Civility-Reader


class ReactionOut(Schema):
    comment_id: int
    count: int
    reacted: bool
    reader: str


class EvidenceOut(Schema):
    clause_id: str = ""
    category: str
    guideline: str
    score: float
    evidence: list[list[int]]


class DecisionOut(Schema):
    id: int
    status: str
    actor: str | None
    clause_id: str
    guideline: str
    suggested: str
    note: str
    created_at: dt.datetime


class QueueItem(Schema):
    id: int
    article_slug: str
    article_title: str
    author_name: str
    text: str
    language: str
    created_at: dt.datetime
    status: str
    suggested: str
    scores: dict[str, float | None]
    reasons: list[EvidenceOut]
    engine_version: str
    note: str
    history: list[DecisionOut]


class QueuePage(Schema):
    count: int
    page: int
    pages: int
    comments: list[QueueItem]


class DecisionIn(Schema):
    status: str
    clause_id: str = ""
    note: str = ""


class ClauseOut(Schema):
    id: str
    text: str
    message: str
    categories: list[str]


def posting_responses(
    posted: type[Schema], more: dict[int, type[Schema]] | None = None
) -> dict[int, type[Schema]]:
    """The answers of a door that posts a comment: 201 decided, 202 held, and the
    refusals of the posting service's list (docs/pipeline.md), in the one error shape."""
    refusals = {status: ErrorOut for status in (400, 401, 403, 404, 409, 415, 422, 429)}
    return {201: posted, 202: posted, **refusals, **(more or {})}
