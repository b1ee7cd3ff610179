"""What the engine answers: a decision, per-category scores and the reasons.

This is the moderation output contract documented in docs/moderation-output.md.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from .categories import CATEGORIES, OFF_TOPIC


class Decision(enum.StrEnum):
    APPROVE = "approve"
    REVIEW = "review"
    REJECT = "reject"


@dataclass(frozen=True)
class Reason:
    """One guideline clause the comment seems to break, with the evidence.

    ``evidence`` holds ``(start, end)`` Python string indices into the text the
    reader wrote (not the normalised text), so a UI can highlight them.
    """

    category: str
    guideline: str
    score: float
    evidence: tuple[tuple[int, int], ...] = ()
    clause_id: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "category": self.category,
            "guideline": self.guideline,
            "score": round(float(self.score), 4),
            "evidence": [[int(s), int(e)] for s, e in self.evidence],
        }


@dataclass(frozen=True)
class Relevance:
    """How the comment was judged against its article, or why it was not.

    ``method``: "embedding" (the multilingual encoder, same language),
    "crosslingual" (the encoder, two languages), "lexical" (words and
    letters, same language) or "none" (no score: ``reason`` says why, e.g.
    no article, or no model reads Kurmanji against English).
    """

    method: str
    comment_lang: str
    article_lang: str
    reason: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "comment_lang": self.comment_lang,
            "article_lang": self.article_lang,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Verdict:
    decision: Decision
    lang: str
    scores: dict[str, float | None]
    reasons: tuple[Reason, ...] = ()
    model: str = ""
    # Why a step failed, when one did: the comment is then held for review.
    errors: tuple[str, ...] = field(default=())
    # How relevance was judged (None: the relevance step did not run).
    relevance: Relevance | None = None

    def to_json(self) -> dict[str, Any]:
        scores: dict[str, float | None] = {
            name: round(float(self.scores.get(name, 0.0) or 0.0), 4) for name in CATEGORIES
        }
        off_topic = self.scores.get(OFF_TOPIC)
        scores[OFF_TOPIC] = None if off_topic is None else round(float(off_topic), 4)
        return {
            "decision": str(self.decision),
            "lang": self.lang,
            "scores": scores,
            "reasons": [reason.to_json() for reason in self.reasons],
            "model": self.model,
            "relevance": None if self.relevance is None else self.relevance.to_json(),
        }
