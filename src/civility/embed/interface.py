"""What the widget shows besides comments: its words, in the page's language.

The widget carries no translations of its own. It asks for the language of
the host page (``<html lang>``); the words come from the same catalogs as the
article page, by the same msgids, so a translator translates once and the
widget and the page say the same thing. The publisher's guidelines come from
the same template the article page includes.
"""

from __future__ import annotations

import html
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from civility.articles.models import RTL_LANGUAGES
from civility.comments.vocabulary import clause_label
from civility.i18n import interface_language
from civility.posting.form import comment_max_chars
from civility.threads import reactions, reports

from .models import LANGUAGE_CODES

_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.S)


def choose_language(requested: str, article=None) -> str:
    """The page's language when Civility speaks it, else the article's, else the default.

    ``requested`` is a BCP 47 tag as pages write it (``ckb-IQ``, ``AR``).
    """
    primary = (requested or "").strip().replace("_", "-").split("-")[0].lower()
    if primary in LANGUAGE_CODES:
        return primary
    if article is not None and article.language in LANGUAGE_CODES:
        return article.language
    return settings.LANGUAGE_CODE


def strings() -> dict[str, str]:
    """The widget's words in the active language (same msgids as the page)."""
    max_display = number_format(comment_max_chars(), force_grouping=True)
    return {
        "heading": _("Comments"),
        "list_label": _("Published comments"),
        "empty": _("No comments yet."),
        "erased": _("Name removed at the author's request"),
        "post_heading": _("Post a comment"),
        # Each field says whether it is required, next to its label (issue 14).
        "required": _("required"),
        "optional": _("optional"),
        "honeypot": _("Leave this field empty"),
        "name": _("Name"),
        "email": _("Email"),
        "email_help": _("Never shown on the site."),
        "email_optional_help": _(
            "Never shown on the site; needed only if you want an e-mail when a moderator decides."
        ),
        "comment": _("Comment"),
        "text_help": _("%(max)s characters at most.") % {"max": max_display},
        "counter": _("{count} of {max} characters"),
        "post": _("Post"),
        "closed": _("Comments are closed for this article."),
        "pages_label": _("Comment pages"),
        "previous": _("Previous"),
        "next": _("Next"),
        "page_of": _("Page %(number)s of %(total)s") % {"number": "{number}", "total": "{total}"},
        "network_error": _(
            "Your comment could not be sent. Please check your connection and try again."
        ),
        # The thread: replies, picks, reactions, sorting, reports (issue 14).
        "sort_label": _("Sort comments"),
        "sort_oldest": _("Oldest first"),
        "sort_newest": _("Newest first"),
        "sort_reactions": _("Most reacted"),
        "featured": _("Featured"),
        "reply": _("Reply"),
        "reply_heading": _("Reply to %(name)s") % {"name": "{name}"},
        "post_reply": _("Post reply"),
        "cancel": _("Cancel"),
        "replies_label": _("Replies"),
        "parent_gone": _("In reply to a comment that is no longer shown."),
        "awaiting": _("Awaiting moderation"),
        "not_published": _("Not published"),
        "only_you": _("Only you can see this comment until a moderator decides."),
        "reaction": reactions.label(),
        "report": _("Report"),
        "report_heading": _("Which guideline does this comment break?"),
        "send_report": _("Send the report"),
        "report_error": _("The report could not be sent. Please try again."),
    }


def report_clauses() -> list[dict[str, str]]:
    """The guidelines a reader may cite, with their short labels, translated."""
    return [{"id": c.id, "label": _(clause_label(c.id))} for c in reports.reportable_clauses()]


def guidelines() -> list[str]:
    """The guidelines' paragraphs as plain text (the widget sets them as text)."""
    rendered = render_to_string("comments/guidelines.html")
    return [html.unescape(p).strip() for p in _PARAGRAPH.findall(rendered) if p.strip()]


def interface() -> dict:
    """lang, dir, strings and guidelines for the active language."""
    lang = interface_language()
    return {
        "lang": lang,
        "dir": "rtl" if lang in RTL_LANGUAGES else "ltr",
        "strings": strings(),
        "guidelines": guidelines(),
        "report_clauses": report_clauses(),
    }
