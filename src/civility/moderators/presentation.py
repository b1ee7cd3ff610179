"""What a moderator sees of one comment: highlighted evidence, scores, history.

Pure functions over stored rows, no queries: the views fetch, these shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from civility.comments.vocabulary import clause_label  # noqa: F401 (the desk's name for it)
from civility.i18n import clause_text
from civility.moderation.categories import CATEGORIES, OFF_TOPIC

# A score at or above this is shown in bold: worth a look, whatever the policy says.
HIGH_SCORE = 0.5
# Below this a category is left out of the table: eleven rows of "0.00" hide
# the one that matters. ``violation`` (the overall score) is always shown.
SHOWN_SCORE = 0.05


def evidence_spans(reasons: Any, length: int) -> list[tuple[int, int, tuple[str, ...]]]:
    """Merged, clamped ``(start, end, categories)`` spans from a decision's reasons.

    ``reasons`` is ``DecisionRecord.evidence`` as stored: a list of
    ``{"category", "evidence": [[start, end], ...], ...}``. Anything malformed
    (a string, a negative or reversed span, offsets past the end) is skipped or
    clamped rather than trusted: the JSON came from an engine, not from us.
    """
    raw: list[tuple[int, int, str]] = []
    for reason in reasons if isinstance(reasons, list) else []:
        if not isinstance(reason, dict):
            continue
        category = str(reason.get("category") or "")
        for span in reason.get("evidence") or []:
            if not isinstance(span, list | tuple) or len(span) != 2:
                continue
            start, end = span
            if not isinstance(start, int) or not isinstance(end, int):
                continue
            start, end = max(0, min(start, length)), max(0, min(end, length))
            if start < end:
                raw.append((start, end, category))
    merged: list[tuple[int, int, tuple[str, ...]]] = []
    for start, end, category in sorted(raw):
        if merged and start <= merged[-1][1]:
            last_start, last_end, cats = merged[-1]
            cats = cats if not category or category in cats else (*cats, category)
            merged[-1] = (last_start, max(last_end, end), cats)
        else:
            merged.append((start, end, (category,) if category else ()))
    return merged


def highlight(text: str, reasons: Any) -> SafeString:
    """The comment text, HTML-escaped piece by piece, with evidence in ``<mark>``.

    Offsets are Python string indices into the text as the reader wrote it, so
    the text is sliced BEFORE escaping (escaping changes lengths) and every
    slice is escaped on its own. Nothing from the text is ever marked safe.
    """
    pieces: list[str] = []
    position = 0
    for start, end, categories in evidence_spans(reasons, len(text)):
        pieces.append(escape(text[position:start]))
        pieces.append(
            format_html(
                '<mark title="{}">{}</mark>',
                ", ".join(c.replace("_", " ") for c in categories),
                text[start:end],
            )
        )
        position = end
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped


@dataclass(frozen=True)
class ScoreRow:
    category: str
    label: str
    score: float
    high: bool


def score_rows(scores: Any) -> list[ScoreRow]:
    """The engine's notable scores in the contract's category order.

    Missing, null and negligible (< SHOWN_SCORE) scores are left out, except
    ``violation``, so the table is short and says what the engine saw.
    """
    if not isinstance(scores, dict):
        return []
    rows = []
    for category in (*CATEGORIES, OFF_TOPIC):
        value = scores.get(category)
        if isinstance(value, int | float) and not isinstance(value, bool):
            score = min(max(float(value), 0.0), 1.0)
            if score < SHOWN_SCORE and category != "violation":
                continue
            rows.append(ScoreRow(category, category.replace("_", " "), score, score >= HIGH_SCORE))
    return rows


def cited_guidelines(reasons: Any) -> list[str]:
    """The guideline clauses the engine cited, strongest first, each once, in the
    active language (by clause id; a text the catalogs do not know as written)."""
    cited: list[tuple[float, str]] = []
    for reason in reasons if isinstance(reasons, list) else []:
        if isinstance(reason, dict) and reason.get("guideline"):
            score = reason.get("score")
            score = float(score) if isinstance(score, int | float) else 0.0
            text = clause_text(str(reason.get("clause_id") or ""), str(reason["guideline"]))
            cited.append((score, text))
    seen: set[str] = set()
    ordered = []
    for _, guideline in sorted(cited, key=lambda pair: -pair[0]):
        if guideline not in seen:
            seen.add(guideline)
            ordered.append(guideline)
    return ordered


@dataclass(frozen=True)
class ClauseChoice:
    id: str
    label: str
    text: str


def reject_choices(clauses: Iterable[Any]) -> list[ClauseChoice]:
    """The clauses a moderator may reject under, with short labels for the select.

    The full clause text ("We will not tolerate the following: personal
    attacks.") is what the decision records; the select shows "Personal
    attacks" so that eight long sentences fit in one narrow control. A clause
    the guidelines welcome ("we also welcome constructive criticism") is not
    something a comment can break, so it is never offered (and
    ``actions.decide`` refuses it).
    """
    return [
        ClauseChoice(c.id, clause_label(c.id), clause_text(c.id, c.text))
        for c in clauses
        if c.prohibits
    ]


def search_choices(clauses: Iterable[Any]) -> list[ClauseChoice]:
    """Every clause a decision may cite, for search: the rejecting ones and the
    welcome ones that hold (relevance); never one without categories (criticism)."""
    return [
        ClauseChoice(c.id, clause_label(c.id), clause_text(c.id, c.text))
        for c in clauses
        if c.prohibits or c.categories
    ]


def system_decision(decisions: Sequence[Any]) -> Any | None:
    """The latest automatic decision (the engine's view), if any."""
    for decision in reversed(decisions):
        if decision.actor_id is None:
            return decision
    return None


def suggested_clause(decision: Any | None, clause_ids: Iterable[str]) -> str:
    """The rejecting clause the engine cites first, shown as a hint beside the
    reject select and never preselected: a rejection is a deliberate choice."""
    if decision is None or decision.suggested not in ("review", "reject"):
        return ""
    known = set(clause_ids)
    if decision.clause_id in known:
        return decision.clause_id
    for reason in decision.evidence if isinstance(decision.evidence, list) else []:
        if isinstance(reason, dict) and reason.get("clause_id") in known:
            return reason["clause_id"]
    return ""
