"""What the article page's form shows after a post redirected back to it.

The comment form always answers a POST with a redirect (pages/comment_form.py,
Post/Redirect/Get), so what the reader typed, and the errors the post found,
travel to the next GET in the session, read once.
"""

from __future__ import annotations

from django.forms.utils import ErrorDict, ErrorList

from civility.articles.models import Article
from civility.posting.form import CommentForm

# The session key of what the next GET of the article shows in its form.
KEPT = "civility.comment_form.{}"
FIELDS = ("author_name", "author_email", "text", "notify", "parent_id")


def keep(
    request, article: Article, data, *, errors=None, status: int = 200, retry_after=None
) -> None:
    """Remember the typed values (and any errors) for the article page's next GET."""
    request.session[KEPT.format(article.pk)] = {
        "data": {name: data.get(name, "") for name in FIELDS if data.get(name)},
        "errors": errors or {},
        "status": status,
        "retry_after": retry_after,
    }


def kept_form(request, article: Article) -> tuple[CommentForm, int, int | None]:
    """The form the article page shows, the status it answers with and any
    Retry-After: what the reader typed and its errors after a redirect from a
    post (read once), else a fresh form."""
    kept = (
        request.session.pop(KEPT.format(article.pk), None) if hasattr(request, "session") else None
    )
    if not kept:
        return CommentForm(), 200, None
    if not kept.get("errors"):
        return CommentForm(initial=kept.get("data") or {}), 200, None
    form = CommentForm(kept.get("data") or {})
    form.is_valid()
    # The errors as the post found them (the service's refusals included),
    # in place of this second validation's.
    form._errors = ErrorDict(
        {name: ErrorList(problems) for name, problems in kept["errors"].items()}
    )
    return form, int(kept.get("status") or 422), kept.get("retry_after")
