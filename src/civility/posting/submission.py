"""What a door hands the posting service: the parsed submission and the door itself."""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings

from civility.abuse.origins import normalise_origin
from civility.errors import PermissionDenied, UnsupportedMediaType

JSON_MEDIA_TYPE = "application/json"


class Door(enum.StrEnum):
    """Where a comment came in; some steps apply to some doors only (steps.py)."""

    FORM = "form"  # the article page's form (pages/comment_form.py)
    API = "api"  # POST /api/articles/{slug}/comments (api/comments.py)
    WIDGET = "widget"  # POST /api/embed/articles/{slug}/comments (embed/api.py)
    PRECHECK = "precheck"  # POST /api/articles/{slug}/precheck: checked, never stored
    SERVER = "server"  # code on the server itself (the demo's samples): no rate limits


@dataclass(frozen=True)
class Sender:
    """What an HTTP request says about who sent it, for the ``cross_site`` step.

    ``content_type`` is the media type without its parameters, lower case;
    ``origin`` the ``Origin`` header as sent (None when absent: a program, not
    a browser); ``trusted`` the origins whose pages may post through this
    door: the site's own, ``CIVILITY_CSRF_TRUSTED_ORIGINS`` and whatever the
    door adds (the widget: its site's origins).
    """

    content_type: str = ""
    origin: str | None = None
    trusted: frozenset[str] = frozenset()

    @classmethod
    def of(cls, request, *, allowed: Iterable[str] = ()) -> Sender:
        own = f"{request.scheme}://{request.get_host()}"
        trusted = {own, *settings.CSRF_TRUSTED_ORIGINS, *allowed}
        return cls(
            content_type=(request.content_type or "").strip().lower(),
            origin=request.headers.get("Origin"),
            trusted=frozenset(_origins(trusted)),
        )

    def origin_trusted(self) -> bool:
        try:
            return normalise_origin(self.origin or "") in self.trusted
        except ValueError:  # "null" (a sandboxed frame, a file), or not an origin at all
            return False

    def check(self) -> None:
        """Refuse a body that is not JSON (415) or a browser's page not trusted (403).

        The posting service's ``cross_site`` step calls it; any other JSON
        route a reader's browser may call (a report, a reaction) calls it too.
        """
        if self.content_type != JSON_MEDIA_TYPE:
            raise UnsupportedMediaType(field="content_type")
        if self.origin is not None and not self.origin_trusted():
            raise PermissionDenied(
                "Comments may be posted here only from this site's own pages.",
                field="origin",
                code="origin_not_allowed",
            )


def _origins(values: Iterable[str]) -> Iterable[str]:
    for value in values:
        try:
            yield normalise_origin(value)
        except ValueError:
            continue


@dataclass(frozen=True)
class Submission:
    """A comment as a door received it, before any check.

    ``parent`` is a Comment, its id, or None; ``reader`` the signed-in reader
    (``civility.readers`` Reader) or None for a guest; ``notify`` the
    reader's wish to be e-mailed when a person decides a held comment.
    ``sender`` what the request says about who sent it (the JSON doors set
    it; None for code on the server). ``engine`` replaces the site's engine
    (tests pin an answer with it).
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
    sender: Sender | None = None
    engine: Any = None
