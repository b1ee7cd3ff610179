"""The pre-submit check: would this text break a guideline? Nothing is stored.

The comment form asks while the reader pauses typing and on the first press
of "Post" (static/civility/precheck.js, through ``POST
/api/articles/{slug}/precheck``). The engine runs exactly as it would for a
post, and each prohibiting clause it cites becomes a warning: the clause id,
its reader message in the article's language, and the words it found
(quoted from the reader's own text by the evidence spans).

A warning never blocks: the reader may revise or post anyway, and the post is
moderated again from scratch. So this check fails *open*, unlike posting: if
the engine fails, the answer is "no warnings" and the post that follows is
held by the normal path (actions.post_comment fails closed).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.utils.translation import gettext

from civility.web.i18n import clause_message

from . import engine as engine_bridge

log = logging.getLogger(__name__)

# Quotes are for the reader to find the words, not to reprint the comment.
MAX_QUOTES = 5
MAX_QUOTE_CHARS = 80


@dataclass(frozen=True)
class Warning:
    clause_id: str
    message: str
    quotes: tuple[str, ...]

    def to_json(self) -> dict:
        return {"clause_id": self.clause_id, "message": self.message, "quotes": list(self.quotes)}


def precheck(article, text: str, *, engine=None) -> list[Warning]:
    """The warnings for ``text`` under ``article`` (in the active language)."""
    from civility.moderation.context import Article as EngineArticle

    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return []
    try:
        engine = engine or engine_bridge.site_engine()
        verdict = engine.moderate(
            text,
            article=EngineArticle(article.title, article.body, article.language),
            lang=article.language,
        )
    except Exception:  # noqa: BLE001 - a courtesy check fails open; posting fails closed
        log.exception("pre-submit check failed; answering no warnings")
        return []
    return warnings_of(verdict, text)


def warnings_of(verdict, text: str) -> list[Warning]:
    """One warning per prohibiting clause cited, in the verdict's order."""
    clauses = {c.id: c for c in engine_bridge.clauses()}
    welcome = _welcome_clause_ids()
    warnings: dict[str, Warning] = {}
    for reason in getattr(verdict, "reasons", ()) or ():
        clause_id = getattr(reason, "clause_id", "") or ""
        if not clause_id or clause_id in welcome:
            continue
        quotes = _quotes(text, reason.evidence)
        if clause_id in warnings:
            old = warnings[clause_id]
            merged = tuple(dict.fromkeys(old.quotes + quotes))[:MAX_QUOTES]
            warnings[clause_id] = Warning(clause_id, old.message, merged)
            continue
        clause = clauses.get(clause_id)
        # No clause of that id: the policy's general rule ("violation"), cited
        # by its text, which the catalogs translate when it is the default one.
        message = clause_message(clause_id, clause.message) if clause else gettext(reason.guideline)
        warnings[clause_id] = Warning(clause_id, message, quotes)
    return list(warnings.values())


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


def _welcome_clause_ids() -> set[str]:
    # "Relevant" and "constructive criticism" are what the guidelines welcome:
    # an off-topic score may hold a comment, but it is not a rule to warn about.
    try:
        from civility.moderation import load_policy

        return {c.id for c in load_policy().clauses if not c.prohibits}
    except Exception:  # noqa: BLE001 - without the policy, warn on every clause
        return set()
