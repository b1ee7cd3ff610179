"""Perspective's attributes as combinations of our guideline categories.

Pure functions over a Verdict; no Django. Each attribute is the highest
calibrated probability among the categories it stands for, so a score keeps
its meaning ("how likely this comment breaks that part of the guidelines")
and no number is invented by rescaling. The table is the documentation
(docs/perspective.md repeats it): change both together.
"""

from __future__ import annotations

from collections.abc import Iterable

from civility.moderation.categories import LANGUAGES

# Attribute -> the categories it is the maximum of. Why these:
# TOXICITY is "rude, disrespectful" — every guideline clause except commercial
#   promotion, which is unwelcome but not rude (it is SPAM).
# SEVERE_TOXICITY keeps the clauses the guidelines treat as gravest: threats
#   and attacks on groups.
# IDENTITY_ATTACK is Perspective's name for abuse of a group.
# SEXUALLY_EXPLICIT is nearest to our vulgarity clause.
ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "TOXICITY": (
        "profanity",
        "vulgarity",
        "threat",
        "personal_attack",
        "abuse",
        "sexism",
        "racism",
        "homophobia",
        "xenophobia",
    ),
    "SEVERE_TOXICITY": ("threat", "abuse", "sexism", "racism", "homophobia", "xenophobia"),
    "IDENTITY_ATTACK": ("abuse", "sexism", "racism", "homophobia", "xenophobia"),
    "INSULT": ("personal_attack",),
    "PROFANITY": ("profanity", "vulgarity"),
    "THREAT": ("threat",),
    "SEXUALLY_EXPLICIT": ("vulgarity",),
    "SPAM": ("promotion",),
}

SCORE_TYPE = "PROBABILITY"


def language_of(tag: str) -> str:
    """``en-US`` -> ``en``; Perspective accepts BCP-47 tags, we score base languages."""
    return tag.strip().replace("_", "-").split("-")[0].lower()


def supported(language: str) -> bool:
    return language in LANGUAGES


def summary(verdict, attribute: str) -> float:
    scores = verdict.scores
    values = [float(scores.get(name) or 0.0) for name in ATTRIBUTES[attribute]]
    return round(max(values, default=0.0), 4)


def spans(verdict, attribute: str, text_length: int) -> list[dict]:
    """The evidence behind an attribute as Perspective span scores.

    ``begin``/``end`` are code-point offsets into the text as sent, like the
    engine's evidence. Without evidence (a classifier score alone), one span
    covers the whole comment with the summary score, as Perspective answers
    for a one-sentence comment.
    """
    categories = set(ATTRIBUTES[attribute])
    found: dict[tuple[int, int], float] = {}
    for reason in verdict.reasons:
        if reason.category not in categories:
            continue
        for begin, end in reason.evidence:
            key = (int(begin), int(end))
            found[key] = max(found.get(key, 0.0), float(reason.score))
    if not found:
        return [_span(0, text_length, summary(verdict, attribute))]
    return [_span(b, e, v) for (b, e), v in sorted(found.items())]


def _span(begin: int, end: int, value: float) -> dict:
    return {"begin": begin, "end": end, "score": {"value": round(value, 4), "type": SCORE_TYPE}}


def attribute_scores(
    verdict, requested: dict[str, dict], text_length: int, with_spans: bool
) -> dict[str, dict]:
    """``attributeScores`` for the requested attributes (thresholds applied)."""
    answer: dict[str, dict] = {}
    for attribute, parameters in requested.items():
        value = summary(verdict, attribute)
        threshold = parameters.get("scoreThreshold")
        if threshold is not None and value < float(threshold):
            continue  # Perspective leaves out scores under the caller's threshold
        entry: dict = {"summaryScore": {"value": value, "type": SCORE_TYPE}}
        if with_spans:
            entry["spanScores"] = [
                span
                for span in spans(verdict, attribute, text_length)
                if threshold is None or span["score"]["value"] >= float(threshold)
            ]
        answer[attribute] = entry
    return answer


def unknown(names: Iterable[str]) -> list[str]:
    return sorted(name for name in names if name not in ATTRIBUTES)
