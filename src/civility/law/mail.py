"""The law's e-mail, plain text, sent after commit; a failure is logged, never undoes.

- to a notifier: the link that confirms their address, then the outcome
  (only to a confirmed address);
- to an author: the appeal's outcome and its reason;
- the statement of reasons added to the existing outcome e-mail
  (``statement_lines``, hooked into comments/notifications.py by apps.py).
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse

log = logging.getLogger(__name__)


def _url(name: str, *args) -> str:
    base = (getattr(settings, "CIVILITY_SITE_URL", "") or "").rstrip("/")
    return f"{base}{reverse(name, args=args)}" if base else ""


def _send(subject: str, lines: list[str], to: str) -> None:
    if not to or "@" not in to:
        return
    try:
        send_mail(
            " ".join(subject.split()), "\n".join(lines) + "\n", settings.DEFAULT_FROM_EMAIL, [to]
        )
    except Exception:  # noqa: BLE001 - the record stands; the mail is a courtesy
        log.exception("could not send %r", subject)


def send_notice_confirmation(notice, token: str) -> None:
    link = _url("comments:notice_confirm", token)
    _send(
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


def send_notice_outcome(notice, decided) -> None:
    if decided is None:
        return
    found = {
        "illegal": "The comment is illegal and was removed.",
        "guidelines_only": "The comment is not illegal, but it breaks our guidelines and was removed.",
        "not_illegal": "The comment is not illegal and stays published.",
    }[decided.legality]
    lines = [f"The decision on your notice about comment {notice.comment_id}:", "", found]
    if decided.legal_ground:
        lines.append(f"Legal ground: {decided.legal_ground}")
    lines += ["", f"Explanation: {decided.explanation}", "", "A person decided this notice."]
    _send("The decision on your notice", lines, notice.contact_email)


def send_appeal_outcome(appeal) -> None:
    comment = appeal.comment
    if comment.erased_at:
        return
    what = "the sanction" if appeal.sanction_id else "the rejection of your comment"
    if appeal.status == "reversed":
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
    _send("The decision on your appeal", lines, comment.author_email)


def on_sanction_changed(sender, *, sanction, lifted, **kwargs) -> None:
    """Receiver for ``commenters.actions.sanction_changed``: the statement, to the
    author of the comment it was imposed from (with CIVILITY_DSA)."""
    from . import enabled
    from .statements import statement_of_sanction

    comment = sanction.comment
    if lifted or not enabled() or comment is None or comment.erased_at:
        return
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
    _send("Your commenting is restricted", lines, comment.author_email)


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
