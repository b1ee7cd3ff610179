"""What a door hands the posting service: the parsed submission and the door itself."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from typing import Any


class Door(enum.StrEnum):
    """Where a comment came in; some steps apply to some doors only (steps.py)."""

    FORM = "form"  # the article page's form (pages/comment_form.py)
    API = "api"  # POST /api/articles/{slug}/comments (api/comments.py)
    WIDGET = "widget"  # POST /api/embed/articles/{slug}/comments (embed/api.py)
    PRECHECK = "precheck"  # POST /api/articles/{slug}/precheck: checked, never stored
    SERVER = "server"  # code on the server itself (the demo's samples): no rate limits


@dataclass(frozen=True)
class Submission:
    """A comment as a door received it, before any check.

    ``parent`` is a Comment, its id, or None; ``reader`` the signed-in reader
    (``civility.readers`` Reader) or None for a guest; ``notify`` the
    reader's wish to be e-mailed when a person decides a held comment.
    ``engine`` replaces the site's engine (tests pin an answer with it).
    """

    door: Door
    article: Any
    text: str
    author_name: str = ""
    author_email: str = ""
    parent: Any = None
    reader: Any = None
    notify: bool = False
    ip_address: str | None = None
    now: datetime | None = None
    engine: Any = None
