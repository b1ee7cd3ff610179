"""The reader's comment form: POST /articles/<slug>/comments/.

Post/Redirect/Get: a comment that was stored (published, held or rejected)
redirects back to the article with the outcome as a message, so a reload
never posts twice. Input the form or the actions refuse re-renders the
article page with the message next to the field and the typed values kept,
answered with the error's HTTP status (never a 200 that carries a failure).
"""

from __future__ import annotations

import math

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from civility.articles.models import Article
from civility.articles.views import COMMENTS_PER_PAGE, render_article
from civility.errors import CivilityError
from civility.web.i18n import outcome_message

from . import actions, guards
from .forms import CommentForm
from .models import Comment

# The outcome decides how the message looks (green, amber, red); the words
# come from the actions (for a rejection: the guideline clause's message).
OUTCOME_LEVELS = {
    "published": messages.SUCCESS,
    "held": messages.INFO,
    "rejected": messages.ERROR,
}


def default_message(outcome: str) -> str:
    return {
        "published": _("Your comment is published."),
        "held": _("Your comment is held for a moderator."),
        "rejected": _("Your comment was rejected: it does not meet our guidelines."),
    }.get(outcome, _("Your comment is held for a moderator."))


@require_POST
def post(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, slug=slug)
    # The form, its errors and the outcome speak the article's language, as
    # the page the reader posted from did (articles/views.render_article).
    with translation.override(article.language):
        return _post(request, article)


def _post(request: HttpRequest, article: Article) -> HttpResponse:
    form = CommentForm(request.POST)
    valid = form.is_valid()
    try:
        # Bots first: the honeypot and the signed timestamp (guards.py).
        guards.check_form(request.POST)
    except CivilityError as error:
        form.add_failure(error)
        return render_article(request, article, form, status=error.status)
    if not valid:
        return render_article(request, article, form, status=422)
    ip = guards.client_ip(request)
    try:
        guards.check_posting(
            ip=ip, email=form.cleaned_data["author_email"], text=form.cleaned_data["text"]
        )
        posted = actions.post_comment(
            article=article,
            author_name=form.cleaned_data["author_name"],
            author_email=form.cleaned_data["author_email"],
            text=form.cleaned_data["text"],
            ip_address=ip,
            notify=form.cleaned_data.get("notify", False),
        )
    except CivilityError as error:
        # ValidationFailed names its field; ArticleClosed, RateLimited and the
        # rest show above the form. The page answers with the error's status.
        form.add_failure(error)
        response = render_article(request, article, form, status=error.status)
        if getattr(error, "retry_after", None):
            response["Retry-After"] = str(error.retry_after)
        return response

    outcome = str(posted.outcome)
    messages.add_message(
        request,
        OUTCOME_LEVELS.get(outcome, messages.INFO),
        outcome_message(posted.message) if posted.message else default_message(outcome),
        extra_tags="comment-outcome",
    )
    return HttpResponseRedirect(_back_to_thread(article, outcome))


def _back_to_thread(article: Article, outcome: str) -> str:
    """The article page, on the comment page where a published comment now is."""
    url = reverse("articles:detail", args=[article.slug])
    if outcome == "published":
        pages = math.ceil(Comment.objects.thread(article).count() / COMMENTS_PER_PAGE)
        if pages > 1:
            url += f"?page={pages}"
    return url + "#comment-outcome"
