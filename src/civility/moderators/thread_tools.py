"""The desk's tools for a thread: editors' picks and closing (threads/picks.py,
threads/closing.py).

"Feature" / "Stop featuring" on a published comment, wherever the desk shows
one (the Approved and Reported lists); "Close comments" / "Reopen" for an
article, above a list filtered to that article. From htmx the answer swaps
the small form in place and says what happened in the desk's one live
region; a plain form post redirects back with a message, as every desk
write does.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civility.articles.models import Article
from civility.comments.models import Comment
from civility.errors import CivilityError
from civility.threads import closing, picks

from .decisions import _back, _htmx, refused
from .views import article_panel, counts, moderator_required


def _answer(request, template: str, context: dict, announcement: str, view: str):
    if not _htmx(request):
        messages.success(request, announcement)
        return HttpResponseRedirect(_back(request, view))
    context.update(
        {"announcement": announcement, "counts": counts(), "next_url": request.POST.get("next")}
    )
    return render(request, template, context)


@require_POST
@moderator_required
def feature(request: HttpRequest, pk: int) -> HttpResponse:
    """POST featured=1 (feature the published comment) or featured=0 (stop)."""
    view = request.POST.get("view", "approved")
    comment = get_object_or_404(Comment, pk=pk)
    on = request.POST.get("featured", "1") != "0"
    try:
        if on:
            picks.feature_comment(comment, actor=request.user)
        else:
            picks.unfeature_comment(comment, actor=request.user)
    except CivilityError as error:
        return refused(request, error, view)
    announcement = (
        _("Featured: shown first in its thread, marked.") if on else _("No longer featured.")
    )
    return _answer(
        request,
        "moderators/_pick.html",
        {"comment": comment, "featured": on, "view": view},
        announcement,
        view,
    )


@require_POST
@moderator_required
def close(request: HttpRequest, slug: str) -> HttpResponse:
    """POST open=0 (close the article's comments) or open=1 (reopen them)."""
    view = request.POST.get("view", "approved")
    article = get_object_or_404(Article, slug=slug)
    reopen = request.POST.get("open", "0") == "1"
    try:
        if reopen:
            closing.reopen_comments(article, actor=request.user)
        else:
            closing.close_comments(article, actor=request.user)
    except CivilityError as error:
        return refused(request, error, view)
    panel = article_panel(article.slug)
    if reopen and not panel["open"]:
        announcement = _("Reopened by hand, but still closed by age (a site setting).")
    elif reopen:
        announcement = _("Comments reopened: readers can post again.")
    else:
        announcement = _("Comments closed: the article page says so and takes no posts.")
    return _answer(
        request, "moderators/_thread_state.html", {"panel": panel, "tab": view}, announcement, view
    )
