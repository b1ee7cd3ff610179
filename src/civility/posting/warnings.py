"""The pre-submit check's answer: which guidelines this text seems to break.

The comment form asks while the reader pauses typing and on the first press
of "Post" (static/civility/precheck.js, through ``POST
/api/articles/{slug}/precheck``, the posting service's PRECHECK door). The
engine runs exactly as it would for a post, nothing is stored, and each
prohibiting clause it cites becomes a warning: the clause id, its reader
message in the article's language, and the words it found (quoted from the
reader's own text by the evidence spans).

A warning never blocks: the reader may revise or post anyway, and the post is
moderated again from scratch. So this check fails *open*, unlike posting: if
the engine fails, the answer is "no warnings" and the post that follows is
held by the normal path (the service's moderate step fails closed).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from civility.guidelines import site_policy
from civility.i18n import clause_message

# Quotes are for the reader to find the words, not to reprint the comment.
MAX_QUOTES = 5
MAX_QUOTE_CHARS = 80


@dataclass(frozen=True)
class ClauseWarning:
    """One guideline the text seems to break, and the words that made it seem so."""

    clause_id: str
    message: str
    quotes: tuple[str, ...]

    def to_json(self) -> dict:
        return {"clause_id": self.clause_id, "message": self.message, "quotes": list(self.quotes)}


def warnings_of(verdict, text: str) -> list[ClauseWarning]:
    """One warning per prohibiting clause cited, in the verdict's order (none
    when the engine failed: ``verdict`` is None)."""
    clauses = {c.id: c for c in site_policy.clauses()}
    # "Relevant" and "constructive criticism" are what the guidelines welcome:
    # an off-topic score may hold a comment, but it is not a rule to warn about.
    welcome = {c.id for c in clauses.values() if not c.prohibits}
    warnings: dict[str, ClauseWarning] = {}
    for reason in getattr(verdict, "reasons", ()) or ():
        clause_id = getattr(reason, "clause_id", "") or ""
        if not clause_id or clause_id in welcome:
            continue
        quotes = _quotes(text, reason.evidence)
        if clause_id in warnings:
            old = warnings[clause_id]
            merged = tuple(dict.fromkeys(old.quotes + quotes))[:MAX_QUOTES]
            warnings[clause_id] = ClauseWarning(clause_id, old.message, merged)
            continue
        clause = clauses.get(clause_id)
        # No clause of that id: the policy's general rule ("violation"), cited
        # by its text, which the catalogs translate when it is the default one.
        message = clause_message(clause_id, clause.message) if clause else gettext(reason.guideline)
        warnings[clause_id] = ClauseWarning(clause_id, may_be_rejected(message), quotes)
    return list(warnings.values())


def may_be_rejected(message: str) -> str:
    """The clause's message, spoken of the future: nothing has been posted yet.

    A clause's reader message announces a decision ("Rejected: personal
    attacks are not allowed."), which is wrong before the reader has posted
    anything (issue 14). Every catalog writes it as a verdict, a colon and
    the rule, so the rule after the colon goes into "This may be rejected:
    {rule}"; a site's own message without a colon follows "This may be
    rejected." whole.
    """
    verdict, colon, rule = message.partition(":")
    if colon and verdict.strip() and rule.strip():
        return gettext("This may be rejected: %(rule)s") % {"rule": rule.strip()}
    return f"{gettext('This may be rejected.')} {message}".strip()


def _quotes(text: str, evidence) -> tuple[str, ...]:
    quotes = []
    for start, end in _merged(evidence):
        if end > len(text):
            continue
        quote = " ".join(text[start:end].split())
        if len(quote) > MAX_QUOTE_CHARS:
            quote = quote[: MAX_QUOTE_CHARS - 1] + "…"
        if quote and quote not in quotes:
            quotes.append(quote)
    return tuple(quotes[:MAX_QUOTES])


def _merged(evidence) -> list[tuple[int, int]]:
    """Valid spans in text order, overlapping ones joined (a rule and a classifier
    may both point at the same words)."""
    spans = sorted((int(s), int(e)) for s, e in evidence or () if 0 <= int(s) < int(e))
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
