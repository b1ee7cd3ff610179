"""Translations of what the engine's policy and the error family say in English.

The engine (``civility.moderation``) has no Django imports and speaks English:
its policy file holds one message per guideline clause, and the actions raise
errors with English messages and stable codes. Readers see those words in the
article's language, so this module translates them *by id*: a clause message
by clause id, an error by its code. That is a smaller change than a message
per language in every policy file, and a publisher who rewrites a clause
message in their own policy still sees their own words (we only translate the
default text we know; docs/languages.md).

The strings below are marked with ``gettext_noop`` so ``makemessages`` keeps
them in the catalogs; templates translate them with ``{% translate value %}``.
"""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext, gettext_noop, ngettext_lazy, pgettext

from civility.errors import CivilityError

LOCALE_DIR = Path(__file__).resolve().parent / "locale"

# The policy's clause words (texts and reader messages) are translated by
# clause id: the catalogs hold each one under the context "clause:<id>", so a
# translation applies only to the clause it was written for, and a publisher
# who rewrites a clause sees their own words, untranslated, rather than a
# translation of something they no longer say. The English exists in one place,
# the policy file; tests/i18n checks every catalog covers the default policy.


def clause_text(clause_id: str, text: str) -> str:
    """A clause's text (or the text a decision recorded) in the active language."""
    return pgettext(f"clause:{clause_id}", text) if clause_id and text else text


def clause_message(clause_id: str, message: str) -> str:
    """A clause's reader message in the active language."""
    return pgettext(f"clause:{clause_id}", message) if clause_id and message else message


# Short clause labels for the moderator's reject select
# (moderators/presentation.reject_choices makes them from the clause ids).
CLAUSE_LABELS = (
    gettext_noop("Profanity"),
    gettext_noop("Threats"),
    gettext_noop("Personal attacks"),
    gettext_noop("Vulgarity"),
    gettext_noop("Abuse"),
    gettext_noop("Promotion"),
    gettext_noop("Relevance"),
)

# Score labels (moderators/presentation.score_rows: the category, "_" → " ").
CATEGORY_LABELS = (
    gettext_noop("violation"),
    gettext_noop("profanity"),
    gettext_noop("vulgarity"),
    gettext_noop("threat"),
    gettext_noop("personal attack"),
    gettext_noop("abuse"),
    gettext_noop("sexism"),
    gettext_noop("racism"),
    gettext_noop("homophobia"),
    gettext_noop("xenophobia"),
    gettext_noop("promotion"),
    gettext_noop("off topic"),
)

# Display names of the statuses and suggestions (comments/models.py choices).
STATUS_LABELS = (
    gettext_noop("Held for review"),
    gettext_noop("Approved"),
    gettext_noop("Rejected"),
    gettext_noop("Approve"),
    gettext_noop("Review"),
    gettext_noop("Reject"),
)


# Reader-facing errors by code (errors.py, abuse/, posting/steps.py,
# comments/actions.py). Messages with a number take it from the error (see below).
ERROR_MESSAGES = {
    "comments_closed": gettext_noop("Comments are closed for this article."),
    "article_not_found": gettext_noop("No such article."),
    # Replies, reports and reactions (posting/steps.py, threads/).
    "comment_not_found": gettext_noop("No such comment."),
    "invalid_parent": gettext_noop("You can only reply to a published comment on this article."),
    "reply_too_deep": gettext_noop(
        "Replies go no deeper here: reply to the comment above instead."
    ),
    "form_honeypot": gettext_noop(
        "This form could not be accepted. Please reload the page and try again."
    ),
    "form_unsigned": gettext_noop(
        "This form was not loaded from our page. Please reload the page and try again."
    ),
    "form_expired": gettext_noop(
        "This form has expired. Your text is kept below: please post it again."
    ),
    "form_too_fast": gettext_noop(
        "That was sent very quickly. Please check your comment and post it again."
    ),
    "text_control_chars": gettext_noop(
        "This contains an invisible control character (%(char)s); please remove it."
    ),
    "text_bidi_controls": gettext_noop(
        "This contains a character that reorders text (%(char)s); please remove it."
    ),
    "text_invalid_unicode": gettext_noop(
        "This contains characters that are not valid text (was it pasted from a damaged "
        "file?); please retype it."
    ),
    "text_combining_flood": gettext_noop(
        "This piles up too many accents on one letter; please remove them."
    ),
    "too_long": gettext_noop("This is too long; please shorten it."),
    "too_many_bytes": gettext_noop("This is too large to store; please shorten it."),
    "invalid_email": gettext_noop("Please give a valid email address, like name@example.com."),
    # Sanctions (posting's sanctions step; commenters/).
    "commenter_banned": gettext_noop("You can no longer comment on this site."),
    # The moderator's errors (actions.decide, moderators/views.py).
    "clause_required": gettext_noop("Choose the guideline this comment breaks."),
    "unknown_clause": gettext_noop("No such guideline clause."),
    "invalid_status": gettext_noop("Choose Approve or Reject."),
    "forbidden": gettext_noop("Only moderators can decide on comments."),
    "clause_not_prohibited": gettext_noop(
        "A comment can only be rejected under a guideline it breaks."
    ),
    "undo_expired": gettext_noop("Too late to undo; reverse it from its list."),
    "undo_superseded": gettext_noop(
        "This comment was decided again since; reverse it from its list."
    ),
}
_SUSPENDED = gettext_noop("You cannot comment until %(until)s.")
REQUIRED_MESSAGES = {
    "author_name": gettext_noop("Please give your name."),
    "author_email": gettext_noop("Please give your email address; it is never shown."),
    "text": gettext_noop("Please write your comment."),
}
# ngettext_lazy with a named number: "%(seconds)d" picks the plural form.
_RATE_LIMITS = {
    "ip": ngettext_lazy(
        "Too many comments from your connection; please wait %(seconds)d second.",
        "Too many comments from your connection; please wait %(seconds)d seconds.",
        "seconds",
    ),
    "email": ngettext_lazy(
        "Too many comments from your address; please wait %(seconds)d second.",
        "Too many comments from your address; please wait %(seconds)d seconds.",
        "seconds",
    ),
    "text": ngettext_lazy(
        "This text was just posted several times; please wait %(seconds)d second.",
        "This text was just posted several times; please wait %(seconds)d seconds.",
        "seconds",
    ),
}
_RATE_STARTS = {
    "ip": "Too many comments from your connection",
    "email": "Too many comments from your address",
    "text": "This text was just posted several times",
}
_CODE_POINT = re.compile(r"U\+[0-9A-F]{4,6}")


def error_message(error: CivilityError) -> str:
    """The error's message in the active language, or its own words if unknown."""
    code = error.code
    if code == "required" and error.field in REQUIRED_MESSAGES:
        return gettext(REQUIRED_MESSAGES[error.field])
    retry_after = getattr(error, "retry_after", None)
    if code == "rate_limited" and retry_after:
        # abuse/rate_limits.py names the counter only in its English sentence.
        kind = next((k for k, start in _RATE_STARTS.items() if error.message.startswith(start)), "")
        if kind:
            return _RATE_LIMITS[kind] % {"seconds": retry_after}
    until = getattr(error, "until", None)
    if code == "commenter_suspended" and until is not None:
        return gettext(_SUSPENDED) % {"until": f"{until:%Y-%m-%d %H:%M} UTC"}
    if code in ERROR_MESSAGES:
        char = _CODE_POINT.search(error.message)
        return gettext(ERROR_MESSAGES[code]) % {"char": char.group() if char else "?"}
    return error.message


def interface_language() -> str:
    """The language the interface strings are really shown in for this request.

    The active language (the article's, on article pages) when Civility has
    a compiled catalog for it, else the default: gettext falls back to the
    source strings silently, and the page must not claim a language it does
    not speak.
    """
    active = translation.get_language() or settings.LANGUAGE_CODE
    if active == settings.LANGUAGE_CODE:
        return active
    catalog = LOCALE_DIR / translation.to_locale(active) / "LC_MESSAGES" / "django.mo"
    return active if catalog.exists() else settings.LANGUAGE_CODE
