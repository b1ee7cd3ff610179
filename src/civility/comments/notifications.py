"""E-mail to a reader when a person decides the comment they asked about.

The reader ticks "E-mail me when a moderator decides" (the form) or sends
``notify: true`` (the API). ``actions.record_comment`` stores the wish as a
``NotificationRequest`` in the comment's own transaction, only when the
comment is held: a comment published or rejected at once is answered on the
page already. When a moderator then decides it, ``comment_decided`` fires
after commit and ``on_comment_decided`` queues one plain-text mail
(``send_decision_email``, a background task retried while the mail server
refuses: civility/background):

- only for a person's decision (the system's first decision is the one the
  reader already saw), and only to approved or rejected (a return to
  "held" is not an outcome);
- once: the request is claimed by setting ``sent_at`` in a single UPDATE, so
  a reversal or two moderators at once never mail twice;
- in the article's language, with the clause (text and reader message) for a
  rejection;
- plain text through Django's e-mail framework (``CIVILITY_EMAIL_BACKEND``):
  nothing is HTML, so nothing is escaped and nothing can be injected;
- never to an erased commenter (privacy.py blanks the address);
- only to an address confirmed by a link (issue 12, item 4). Anyone may type
  anyone's address, so the first e-mail (``send_confirmation_email``, when the
  comment is held) says only that someone asked for news of a comment and
  holds the link: no name, no comment text, nothing the poster wrote. The
  decision e-mail, which quotes the comment and greets by name, goes only
  to an address whose owner opened that link (``confirm``); if the
  moderator decided first, opening the link sends it then.

A failing mail server does not undo the decision (it was committed before
the signal fired) nor make the moderator wait: the task is tried again with
back-off, and after its last attempt it waits in the admin's dead letter.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.tasks import task
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from civility.background.enqueue import with_commit
from civility.background.retries import retried
from civility.guidelines import site_policy
from civility.i18n import clause_message, clause_text

from .models import Comment, CommentStatus, DecisionRecord, NotificationRequest

# Callables (comment, decision) -> lines added to a rejection's mail. The
# law's side (civility/law, a layer above) adds its statement of reasons here
# when it starts, since this module may not import it.
EXTRA_LINES: list = []


CONFIRM_SALT = "civility.comments.notify-confirm"
# A week to open the first e-mail; a held comment is usually decided sooner.
CONFIRM_MAX_AGE_SECONDS = 7 * 86400


def confirm_token(comment) -> str:
    return signing.dumps(getattr(comment, "pk", comment), salt=CONFIRM_SALT)


def ask_confirmation(comment) -> None:
    """The first e-mail, only the link: queued in the transaction that stores the
    comment and its request (``actions.record_comment``), so the task commits
    with them (the database backend) or is enqueued right after (any other)."""
    if comment.erased_at or not comment.author_email or "@" not in comment.author_email:
        return
    with_commit(send_confirmation_email, comment.pk)


@retried(max_attempts=5)
@task()
def send_confirmation_email(comment_id: int) -> bool:
    """Fixed words and a link: nothing the poster wrote reaches someone else's mailbox."""
    comment = Comment.objects.get(pk=comment_id)
    if comment.erased_at or not comment.author_email:
        return False
    token = confirm_token(comment)
    link = _url("comments:notify_confirm", token)
    lines = [
        _("Someone asked, with this e-mail address, to be told when a moderator decides"),
        _("a comment they posted on our site."),
        "",
        _("If that was you, confirm the address by opening this link:"),
        link or _("(confirmation code: %(token)s)") % {"token": token},
        "",
        _("If it was not you, ignore this e-mail: nothing more will be sent to you."),
    ]
    send_mail(
        _("Confirm your e-mail address"),
        "\n".join(lines) + "\n",
        settings.DEFAULT_FROM_EMAIL,
        [comment.author_email],
    )
    return True


def confirm(token: str, *, now=None) -> Comment | None:
    """The reader opened the link: their address may be told the decision.

    None for a link that is not ours, too old, or for a comment with no wish.
    If a person has decided already, the decision e-mail goes now.
    """
    try:
        pk = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE_SECONDS)
    except signing.BadSignature:
        return None
    now = now or timezone.now()
    with transaction.atomic():
        request = (
            NotificationRequest.objects.select_for_update()
            .select_related("comment")
            .filter(comment_id=pk)
            .first()
        )
        if request is None:
            return None
        if request.confirmed_at is None:
            request.confirmed_at = now
            request.save(update_fields=["confirmed_at"])
        comment = request.comment
        latest = DecisionRecord.objects.filter(comment=comment).order_by("-created_at", "-id")
        latest = latest.first()
        if latest is not None:
            transaction.on_commit(
                lambda: on_comment_decided(Comment, comment=comment, decision=latest)
            )
    return comment


def on_comment_decided(sender, *, comment, decision, **kwargs) -> None:
    """Receiver for ``signals.comment_decided`` (connected in apps.py)."""
    if decision.actor_id is None or decision.status == CommentStatus.PENDING:
        return
    if comment.erased_at or not comment.author_email or "@" not in comment.author_email:
        return
    # Claim before sending: of two deciders only one UPDATE matches the row.
    # Only to a confirmed address: its owner opened the link in the first e-mail.
    claimed = NotificationRequest.objects.filter(
        comment=comment, sent_at__isnull=True, confirmed_at__isnull=False
    ).update(sent_at=timezone.now())
    if not claimed:
        return
    with_commit(send_decision_email, comment.pk, decision.pk)


@retried(max_attempts=5)
@task()
def send_decision_email(comment_id: int, decision_id: int) -> bool:
    """Mail the reader the decision (claimed already); raises while the server refuses."""
    comment = Comment.objects.select_related("article").get(pk=comment_id)
    if comment.erased_at or not comment.author_email:
        return False  # erased between the decision and the worker
    decision = DecisionRecord.objects.get(pk=decision_id)
    subject, body = compose(comment, decision)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [comment.author_email])
    return True


def compose(comment, decision) -> tuple[str, str]:
    """(subject, plain-text body) in the article's language."""
    article = comment.article
    with translation.override(article.language or "en"):
        title = article.title
        if decision.status == CommentStatus.APPROVED:
            subject = _("Your comment is published: %(title)s") % {"title": title}
            outcome = _("A moderator has published your comment on “%(title)s”.") % {"title": title}
        else:
            subject = _("Your comment was not published: %(title)s") % {"title": title}
            outcome = _("A moderator has rejected your comment on “%(title)s”.") % {"title": title}
        # One line, whatever was stored before names were checked (posting/steps.py).
        name = " ".join(comment.author_name.split())
        lines = [_("Hello %(name)s,") % {"name": name}, "", outcome]
        if decision.status == CommentStatus.REJECTED:
            lines += ["", *_clause_lines(decision)]
            for extra in EXTRA_LINES:  # the statement of reasons, with CIVILITY_DSA (law/)
                if more := extra(comment, decision):
                    lines += ["", *more]
        lines += ["", _("Your comment:"), "", *(f"> {line}" for line in comment.text.split("\n"))]
        url = _article_url(article)
        if url:
            lines += ["", _("The article: %(url)s") % {"url": url}]
        guidelines = _guidelines_url()
        if guidelines:
            lines += [_("Our community guidelines: %(url)s") % {"url": guidelines}]
        lines += [
            "",
            _("You receive this e-mail because you asked for it when you posted the comment."),
        ]
    # A header is one line: a title with a line break must not add headers.
    return " ".join(subject.split()), "\n".join(lines) + "\n"


def _clause_lines(decision) -> list[str]:
    clause = site_policy.clause(decision.clause_id) if decision.clause_id else None
    text = decision.guideline or (clause.text if clause else "")
    lines = []
    if text:
        shown = clause_text(decision.clause_id, text)
        lines.append(_("The guideline it breaks: %(guideline)s") % {"guideline": shown})
    if clause is not None and clause.message:
        lines.append(clause_message(clause.id, clause.message))
    return lines


def _url(name: str, *args) -> str:
    from django.urls import reverse

    base = _site_url()
    return f"{base}{reverse(name, args=args)}" if base else ""


def _site_url() -> str:
    return (getattr(settings, "CIVILITY_SITE_URL", "") or "").rstrip("/")


def _article_url(article) -> str:
    base = _site_url()
    return f"{base}{article.get_absolute_url()}" if base else ""


def _guidelines_url() -> str:
    from django.urls import reverse

    base = _site_url()
    return f"{base}{reverse('comments:guidelines')}" if base else ""
