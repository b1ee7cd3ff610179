"""Request and response shapes of the widget's routes (/api/embed)."""

from __future__ import annotations

import datetime as dt

from ninja import Schema

from civility.api.schemas import ErrorBody


class EmbedArticleOut(Schema):
    slug: str
    title: str
    language: str
    comments_open: bool
    url: str


class ReportClauseOut(Schema):
    id: str
    label: str  # short, in the widget's language ("Personal attacks")


class InterfaceOut(Schema):
    lang: str
    dir: str
    strings: dict[str, str]
    guidelines: list[str]
    # The guidelines a reader may report a comment under (what they prohibit).
    report_clauses: list[ReportClauseOut]


class FormOut(Schema):
    issued: str  # the signed "form loaded at" the post sends back (abuse/bots.py)
    name_max: int
    email_max: int
    text_max: int
    email_required: bool


class EmbedCommentOut(Schema):
    id: int
    parent_id: int | None = None
    author_name: str
    erased: bool
    text: str
    language: str
    created_at: dt.datetime
    created_display: str
    featured: bool  # an editors' pick: shown first, marked
    reactions: int
    reacted: bool  # this reader's reaction (with their token)
    parent_gone: bool  # a reply whose parent is no longer published
    can_reply: bool
    # The reader's own unpublished comment, shown to them alone: held | rejected.
    own: str = ""
    own_message: str = ""
    replies: list[EmbedCommentOut] = []


class EmbedThreadOut(Schema):
    count: int  # published comments, replies included
    page: int  # pages of top-level comments, 50 a page
    pages: int
    sort: str  # oldest | newest | reactions
    open: bool
    comments: list[EmbedCommentOut]


class EmbedOut(Schema):
    article: EmbedArticleOut
    interface: InterfaceOut
    form: FormOut
    thread: EmbedThreadOut


class PageIn(Schema):
    """What the widget reads from the host page to create its article."""

    article: str = ""  # the publisher's id (data-civility-article)
    url: str = ""  # <link rel="canonical">, else the page's address
    title: str = ""  # og:title, else <title>
    description: str = ""  # <meta name="description">, else og:description
    lang: str = ""  # <html lang>


class EmbedCommentIn(Schema):
    author_name: str = ""
    author_email: str = ""
    text: str = ""
    issued: str = ""
    website: str = ""  # the honeypot: people never see it, bots fill it in
    lang: str = ""
    # The publisher's signed token for a signed-in reader (data-civility-reader-token,
    # docs/sign-in.md): the token's name and e-mail replace the form's.
    reader_token: str = ""
    parent_id: int | None = None  # a reply to this published comment


class FormErrorsOut(Schema):
    """The one error shape, plus every field's error for a form that has several."""

    error: ErrorBody
    errors: list[ErrorBody]


class EmbedPostedOut(Schema):
    id: int
    status: str
    outcome: str  # published | held | rejected
    message: str
    # The reader's signed token, now listing this comment: keep it, send it back
    # in the X-Civility-Reader header (threads/visitor.py).
    reader: str = ""


class ReportIn(Schema):
    clause_id: str = ""  # one of interface.report_clauses
    lang: str = ""


class ReportedOut(Schema):
    reported: bool  # false: this reader had reported it already
    message: str
    reader: str


class ReactionIn(Schema):
    lang: str = ""


class ReactionOut(Schema):
    comment_id: int
    count: int
    reacted: bool
    reader: str
