"""The law's e-mail: plain text, background tasks queued with the work that asks for it.

- to a notifier: the link that confirms their address, then the outcome
  (only to a confirmed address, once);
- to an author: the appeal's outcome and its reason, and a sanction's
  statement of reasons when it is imposed;
- the statement of reasons added to the existing outcome e-mail
  (``statement_lines``, hooked into comments/notifications.py by apps.py).

Like the decision e-mail (comments/notifications.py), each mail is a task
(``django.tasks``, civility/background) queued in the transaction of the
decision it reports (``with_commit``), retried while the mail server refuses,
re-reading its rows by id: a failing mail server never undoes a decision.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse

from civility.background.enqueue import with_commit
from civility.background.retries import retried

CONFIRM_SALT = "civility.law.notice-contact"


def confirm_token(notice) -> str:
    return signing.dumps(getattr(notice, "pk", notice), salt=CONFIRM_SALT)


def _url(name: str, *args) -> str:
    base = (getattr(settings, "CIVILITY_SITE_URL", "") or "").rstrip("/")
    return f"{base}{reverse(name, args=args)}" if base else ""


def _send(subject: str, lines: list[str], to: str) -> bool:
    """Send one plain-text mail; raises while the server refuses (the task retries)."""
    if not to or "@" not in to:
        return False
    send_mail(" ".join(subject.split()), "\n".join(lines) + "\n", settings.DEFAULT_FROM_EMAIL, [to])
    return True


@retried(max_attempts=5)
@task()
def send_notice_confirmation(notice_id: int) -> bool:
    from .models import Notice

    notice = Notice.objects.get(pk=notice_id)
    token = confirm_token(notice)
    link = _url("comments:notice_confirm", token)
    return _send(
        "Confirm your notice of illegal content",
        [
            "We received your notice that a comment is illegal:",
            "",
            f"Law or kind of illegality: {notice.law}",
            "",
            "A moderator will look at it. To be told the decision, confirm this address:",
            link or f"(confirmation code: {token})",
            "",
            "If you did not send this notice, ignore this e-mail.",
        ],
        notice.contact_email,
    )


@retried(max_attempts=5)
@task()
def send_notice_outcome(notice_id: int) -> bool:
    from .models import Notice, NoticeEventKind

    notice = Notice.objects.get(pk=notice_id)
    decided = notice.events.filter(kind=NoticeEventKind.DECIDED).last()
    if decided is None:
        return False
    found = {
        "illegal": "The comment is illegal and was removed.",
        "guidelines_only": "The comment is not illegal, but it breaks our guidelines and was removed.",
        "not_illegal": "The comment is not illegal and stays published.",
    }[decided.legality]
    lines = [f"The decision on your notice about comment {notice.comment_id}:", "", found]
    if decided.legal_ground:
        lines.append(f"Legal ground: {decided.legal_ground}")
    lines += ["", f"Explanation: {decided.explanation}", "", "A person decided this notice."]
    return _send("The decision on your notice", lines, notice.contact_email)


@retried(max_attempts=5)
@task()
def send_appeal_outcome(appeal_id: int) -> bool:
    from .models import Appeal, AppealStatus

    appeal = Appeal.objects.select_related("comment").get(pk=appeal_id)
    comment = appeal.comment
    if comment.erased_at:
        return False
    what = "the sanction" if appeal.sanction_id else "the rejection of your comment"
    if appeal.status == AppealStatus.REVERSED:
        found = f"Your appeal was upheld: {what} is reversed."
    else:
        found = f"Your appeal was not upheld: {what} is confirmed."
    lines = [
        f"Hello {comment.author_name},",
        "",
        found,
        f"The reason: {appeal.reason}",
        "",
        "A moderator other than the one who first decided heard your appeal, where the site has one.",
    ]
    link = statement_link(comment)
    if link:
        lines += ["", f"Your comment's page: {link}"]
    return _send("The decision on your appeal", lines, comment.author_email)


def on_sanction_changed(sender, *, sanction, lifted, **kwargs) -> None:
    """Receiver for ``commenters.actions.sanction_changed`` (after commit): queue
    the statement for the author of the comment it was imposed from."""
    from . import enabled

    if lifted or not enabled() or sanction.comment_id is None:
        return
    with_commit(send_sanction_statement, sanction.pk)


@retried(max_attempts=5)
@task()
def send_sanction_statement(sanction_id: int) -> bool:
    from civility.commenters.models import Sanction

    from .statements import statement_of_sanction

    sanction = Sanction.objects.select_related("comment").get(pk=sanction_id)
    comment = sanction.comment
    if comment.erased_at:
        return False
    statement = statement_of_sanction(sanction)
    lines = [
        f"Hello {comment.author_name},",
        "",
        "A moderator has restricted your commenting. Statement of reasons:",
        f"- Decision: {statement.what}"
        + (f", until {sanction.ends_at:%Y-%m-%d}" if sanction.ends_at else ""),
        f"- Reason: {sanction.reason}",
        "- Decided by: a person (a moderator)",
    ]
    if statement.appeal_until:
        lines.append(f"- You may appeal once, until {statement.appeal_until:%Y-%m-%d}:")
        link = statement_link(comment)
        if link:
            lines.append(f"  {link}")
    return _send("Your commenting is restricted", lines, comment.author_email)


def statement_link(comment) -> str:
    from .statements import token_for

    return _url("comments:statement", token_for(comment))


def statement_lines(comment, decision) -> list[str]:
    """The statement of reasons for the outcome e-mail (empty unless it restricts)."""
    from . import enabled
    from .statements import statement_of_decision

    if not enabled():
        return []
    statement = statement_of_decision(decision, comment)
    if statement is None:
        return []
    lines = ["Statement of reasons:", f"- Decision: {statement.what}"]
    if statement.clause_id:
        lines.append(f"- Guideline: {statement.guideline}")
    if statement.legal_ground:
        lines.append(f"- Legal ground: {statement.legal_ground}")
    for fact in statement.facts:
        lines.append(f"- Fact relied on: {fact}")
    lines.append(
        "- Decided by: "
        + ("the automatic moderation" if statement.automated else "a person (a moderator)")
    )
    if statement.appeal_until:
        lines.append(
            f"- You may appeal once, until {statement.appeal_until:%Y-%m-%d}, on your comment's page:"
        )
        link = statement_link(comment)
        if link:
            lines.append(f"  {link}")
    return lines
