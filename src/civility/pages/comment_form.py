"""The reader's comment form: POST /articles/<slug>/comments/, one of the posting
service's doors.

The door parses: the form's bot checks (abuse/bots.py) and its fields
(posting/form.py), then hands the submission to ``posting.submit`` and
renders the outcome. Post/Redirect/Get, always, so a reload never posts
again (issue 14: the error page's URL re-posted on reload):

- a comment that was stored (published, held or rejected) redirects back to
  the article with the outcome's message; after a hold or a rejection the
  form keeps what the reader typed, so they can revise;
- a form with errors, or one the service refused (a closed thread, a rate
  limit), redirects back too, and the article page shows every error at its
  field and in a summary at the top of the form, with the typed values.

What the next GET shows travels in the session (``KEPT``), read once.
The redirect is a 303; the refusal's own status is kept in the session and
the article page answers with it, so the page that carries a failure is
never a 200.
"""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_POST

from civility import law
from civility.abuse import bots
from civility.abuse.rate_limits import client_ip
from civility.articles.models import Article
from civility.errors import CivilityError
from civility.law import statements
from civility.posting.form import CommentForm
from civility.posting.outcome import Outcome
from civility.posting.service import submit
from civility.posting.submission import Door
from civility.threads import visitor

from .articles import chosen_sort, thread_page_of
from .kept import keep

# The outcome decides how the message looks (green, amber, red).
OUTCOME_LEVELS = {
    "published": messages.SUCCESS,
    "held": messages.INFO,
    "rejected": messages.ERROR,
}


@require_POST
def post(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(Article, slug=slug)
    # The form, its errors and the outcome speak the article's language, as
    # the page the reader posted from did (pages/articles.render_article).
    with translation.override(article.language):
        return _post(request, article)


def _post(request: HttpRequest, article: Article) -> HttpResponse:
    form = CommentForm(request.POST)
    valid = form.is_valid()
    try:
        # Bots first: the honeypot and the signed timestamp.
        bots.check_form(request.POST)
    except CivilityError as error:
        return _refused(request, article, form, Outcome.refusal(error))
    if not valid:
        return _back_with_errors(request, article, form, status=422)
    submission = form.submission(Door.FORM, article, ip=client_ip(request))
    # A reply: the comment it answers (the posting service checks it: posting/steps.py).
    submission = replace(submission, parent=request.POST.get("parent_id") or None)
    outcome = submit(submission)
    if outcome.refused:
        return _refused(request, article, form, outcome)
    messages.add_message(
        request,
        OUTCOME_LEVELS.get(outcome.outcome, messages.INFO),
        outcome.message,
        extra_tags="comment-outcome",
    )
    if law.enabled() and outcome.outcome != "published":
        # The author's own page: the statement of reasons, and the appeal (pages/law.py).
        token = statements.token_for(outcome.comment)
        messages.info(
            request, reverse("comments:statement", args=[token]), extra_tags="statement-link"
        )
    if outcome.outcome != "published":
        # Held or rejected: the reader may revise what they wrote (a reply stays one).
        keep(request, article, form.data)
    else:
        # Published: the next comment is another; who they are stays.
        keep(request, article, {k: form.data.get(k, "") for k in ("author_name", "author_email")})
    response = HttpResponseRedirect(_back_to_thread(request, article, outcome), status=303)
    if outcome.outcome != "published":
        # Only this browser sees its held comment in place until it is decided
        # (and a rejected one with its clause): the signed reader cookie lists it.
        visitor.remember(
            response,
            visitor.from_request(request).with_comment(outcome.comment.pk),
            secure=request.is_secure(),
        )
    return response


def _refused(request, article, form, outcome: Outcome) -> HttpResponse:
    # A field's error shows next to it; a closed thread, a rate limit and the
    # like above the form (and in the summary).
    form.add_failure(outcome.error)
    return _back_with_errors(
        request, article, form, status=outcome.http_status, retry_after=outcome.retry_after
    )


def _back_with_errors(
    request, article: Article, form: CommentForm, *, status: int, retry_after=None
):
    errors = {name: [str(e) for e in problems] for name, problems in form.errors.items()}
    keep(request, article, form.data, errors=errors, status=status, retry_after=retry_after)
    # To the summary itself: a browser focuses a focusable fragment target, and
    # a fragment that is not focusable (the heading) would take focus away again.
    url = reverse("articles:detail", args=[article.slug])
    return HttpResponseRedirect(url + _replying(request) + "#error-summary", status=303)


def _replying(request) -> str:
    """?reply=<id> when the form was a reply: the page opens it as one again."""
    parent = request.POST.get("parent_id", "")
    return f"?reply={int(parent)}" if parent.isdigit() else ""


def _back_to_thread(request, article: Article, outcome: Outcome) -> str:
    """The article page: on the page where a published comment now is (in the
    reader's order), or with the reply form open again after a hold or a rejection."""
    url = reverse("articles:detail", args=[article.slug])
    if outcome.outcome != "published":
        return url + _replying(request) + "#comment-outcome"
    comment = outcome.comment
    if comment.parent_id is None and chosen_sort(request) != "newest":
        page = thread_page_of(article, comment)
        if page > 1:
            url += f"?page={page}"
    elif comment.parent_id is not None:
        # A reply shows under its parent: take the reader there.
        return url + f"#comment-{comment.parent_id}"
    return url + "#comment-outcome"


def notify_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The reader's address is theirs: the decision e-mail may go to it."""
    from civility.comments import notifications

    comment = notifications.confirm(token)
    if comment is None:
        raise Http404("This link is not valid.")
    with translation.override(comment.article.language):
        return render(request, "comments/notify_confirmed.html", {"article": comment.article})
