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


class InterfaceOut(Schema):
    lang: str
    dir: str
    strings: dict[str, str]
    guidelines: list[str]


class FormOut(Schema):
    issued: str  # the signed "form loaded at" the post sends back (abuse/bots.py)
    name_max: int
    email_max: int
    text_max: int


class EmbedCommentOut(Schema):
    id: int
    author_name: str
    erased: bool
    text: str
    language: str
    created_at: dt.datetime
    created_display: str


class EmbedThreadOut(Schema):
    count: int
    page: int
    pages: int
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


class FormErrorsOut(Schema):
    """The one error shape, plus every field's error for a form that has several."""

    error: ErrorBody
    errors: list[ErrorBody]


class EmbedPostedOut(Schema):
    id: int
    status: str
    outcome: str  # published | held | rejected
    message: str
