"""The pipeline's steps: small functions that wrap the engine's other modules.

Every step the runner sees takes a list of contexts and returns a new list of
the same length, so that the classifier step can score a whole batch at once.
Most steps judge one comment at a time: they are written as plain
``Context -> Context`` functions and wrapped with ``per_comment``, which
catches an exception PER comment and records it in ``Context.errors`` (with the
step's name) so one odd comment cannot hold a whole batch. No step reads the
clock, the network or mutable global state; the order lives in pipeline.py.
"""

from __future__ import annotations

import logging
import math
import threading
from collections.abc import Callable
from dataclasses import fields, replace
from functools import wraps
from typing import Any

from .categories import ABUSE_KINDS, CATEGORIES, OFF_TOPIC
from .context import Context, Hit
from .policy_rule import model_label, verdict_for
from .verdict import Decision, Verdict

log = logging.getLogger("civility.moderation")

Step = Callable[[list[Context]], list[Context]]

VIOLATION = "violation"
# Categories that are scored on their own; ``violation`` is derived from them.
_PARTS = tuple(c for c in CATEGORIES if c != VIOLATION)
PROMOTION = "promotion"


_FIELDS = frozenset(f.name for f in fields(Context))


def evolve(ctx: Context, **changes: Any) -> Context:
    """``dataclasses.replace`` for the context, about ten times faster.

    ``replace`` re-runs the frozen ``__init__`` (one ``object.__setattr__``
    per field); the engine does this for every comment at every step, which
    alone cost more than the whole speed budget. Context has no
    ``__post_init__``, so copying the instance dict is equivalent.
    """
    if not _FIELDS.issuperset(changes):
        raise TypeError(f"Context has no field(s) {sorted(changes.keys() - _FIELDS)}")
    new = object.__new__(Context)
    state = new.__dict__
    state.update(ctx.__dict__)
    state.update(changes)
    return new


def step_name(step: Any) -> str:
    return getattr(step, "step_name", None) or getattr(step, "__name__", type(step).__name__)


def record_error(ctx: Context, name: str, exc: BaseException) -> Context:
    return evolve(ctx, errors=(*ctx.errors, f"{name}: {type(exc).__name__}: {exc}"))


def per_comment(fn: Callable[[Context], Context]) -> Step:
    """Run ``fn`` on each comment; a comment whose call raises keeps its
    context unchanged plus an entry in ``errors`` (it will be held)."""
    name = fn.__name__

    @wraps(fn)
    def step(contexts: list[Context]) -> list[Context]:
        out = []
        failed = []
        for ctx in contexts:
            try:
                out.append(fn(ctx))
            except Exception as exc:  # noqa: BLE001 - fail closed, never drop a comment
                failed.append(exc)
                out.append(record_error(ctx, name, exc))
        if failed:
            # One line per batch, not per comment: a missing module would
            # otherwise print a line for every comment of a long run.
            log.warning(
                "step %s failed for %d of %d comment(s); first: %r",
                name,
                len(failed),
                len(contexts),
                failed[0],
                exc_info=failed[0] if log.isEnabledFor(logging.DEBUG) else None,
            )
        return out

    step.step_name = name
    return step


# --- normalise → language → rules ---------------------------------------------


@per_comment
def normalise(ctx: Context) -> Context:
    from .normalise import normalise as normalise_text

    return evolve(ctx, normalised=normalise_text(ctx.text))


@per_comment
def language(ctx: Context) -> Context:
    from .language import identify

    # The declared language (or the article's) is only a hint: the reader may
    # write in another language than the page, and the output reports what
    # the comment is actually written in.
    hint = ctx.lang_hint or (ctx.article.lang if ctx.article is not None else None)
    # A disguised comment is identified as it reads ("𝔣𝔲𝔠𝔨" is English,
    # "ʇoıpı" too): language_reading undoes the disguises, not the letters.
    text = ctx.text
    if ctx.normalised is not None:
        from .normalise import language_reading

        text = language_reading(ctx.text, ctx.normalised)
    found = identify(text, hint, normalised=ctx.normalised.text if ctx.normalised else None)
    return evolve(ctx, lang=found.lang, lang_confidence=found.confidence)


@per_comment
def rules(ctx: Context) -> Context:
    from .rules import match_rules

    if ctx.normalised is None:
        raise ValueError("no normalised text (normalise failed)")
    return evolve(ctx, hits=(*ctx.hits, *match_rules(ctx.normalised, ctx.lang)))


# --- repeat: the same text posted again ----------------------------------------

# Posting the same text again is how floods and promotion campaigns look, and
# the guidelines' nearest clause is "commercial or personal promotion". A
# repeat alone should hold the comment, not reject it, hence the strength.
REPEAT_CATEGORY = "promotion"
REPEAT_STRENGTH = 0.7
# Short texts ("Thank you!", "+1") are repeated innocently all the time.
REPEAT_MIN_CHARS = 20


def _fingerprint(text: str) -> str:
    # The text identity the site's same-text limits count by too: invisible
    # characters, look-alikes and punctuation do not make a text new.
    from .normalise import text_identity

    return text_identity(text)


@per_comment
def repeat(ctx: Context) -> Context:
    if not ctx.recent_texts:
        return ctx
    mine = _fingerprint(ctx.text)
    if len(mine) < REPEAT_MIN_CHARS:
        return ctx
    if not any(_fingerprint(t) == mine for t in ctx.recent_texts):
        return ctx
    hit = Hit(REPEAT_CATEGORY, 0, len(ctx.text), REPEAT_STRENGTH, "repeat")
    return evolve(ctx, hits=(*ctx.hits, hit))


# --- classifiers (batched) ------------------------------------------------------


def _load_tiers(mode: str = "cascade"):
    # Imported here so that a missing or broken classifiers module fails this
    # step (every comment held) instead of the import of the engine.
    from .cascade import Tiers

    return Tiers.load(mode)


class Classify:
    """Batch step: score every comment of the batch with the classifier tiers.

    ``mode``: "cascade" (the linear tier for all, the transformer for what
    it leaves unclear; cascade.py), "linear" or "transformer". The tiers load
    lazily on the first batch and are kept (thread-safe). A failure to load
    is not kept: the next batch tries again, and meanwhile every comment is
    held. ``loader`` may also return a plain model with ``predict_proba(texts,
    langs)`` and ``version`` (one tier, called "linear").
    """

    step_name = "classifiers"

    def __init__(self, loader: Callable[[], Any] | None = None, mode: str = "cascade"):
        self.mode = mode
        self.loader = loader if loader is not None else (lambda: _load_tiers(mode))
        self._models = None
        self._lock = threading.Lock()

    def models(self):
        if self._models is None:
            with self._lock:
                if self._models is None:
                    self._models = self.loader()
        return self._models

    def __call__(self, contexts: list[Context]) -> list[Context]:
        if not contexts:
            return contexts
        from .innocent import mask_innocent

        models = self.models()
        # Allow-listed innocent words ("Scunthorpe", "cocktail") are removed
        # from what the models read: their character n-grams look rude and
        # the word itself cannot breach a guideline (innocent.py).
        texts = [
            mask_innocent(c.normalised.text) if c.normalised is not None else c.text
            for c in contexts
        ]
        langs = [c.lang for c in contexts]
        if not hasattr(models, "score"):
            return self._one_tier(models, contexts, texts, langs)
        # A comment where a rule of a learned category fired is never
        # "clearly clean": the strongest tier reads it.
        flagged = [any(h.category in _LEARNED for h in c.hits) for c in contexts]
        scored = models.score(texts, langs, flagged)
        if len(scored) != len(contexts):
            raise ValueError(f"{len(scored)} scores for {len(contexts)} comments")
        return [
            evolve(
                ctx,
                model_scores=found.scores,
                model_version=found.version,
                model_tiers=found.tiers,
                tier_scores=found.by_tier,
            )
            for ctx, found in zip(contexts, scored, strict=True)
        ]

    @staticmethod
    def _one_tier(models, contexts: list[Context], texts, langs) -> list[Context]:
        probs = models.predict_proba(texts, langs)
        columns = {}
        for name, values in probs.items():
            values = values.tolist() if hasattr(values, "tolist") else list(values)
            if len(values) != len(contexts):
                raise ValueError(f"{name}: {len(values)} scores for {len(contexts)} comments")
            columns[name] = values
        version = str(models.version)
        out = []
        for i, ctx in enumerate(contexts):
            scores = {name: values[i] for name, values in columns.items()}
            out.append(
                evolve(
                    ctx,
                    model_scores=scores,
                    model_version=version,
                    model_tiers=("linear",),
                    tier_scores={"linear": scores},
                )
            )
        return out


_LEARNED = frozenset(c for c in CATEGORIES if c != "promotion")
classify = Classify()


# --- combine --------------------------------------------------------------------


def _probability(value: float, what: str) -> float:
    value = float(value)
    if math.isnan(value):
        raise ValueError(f"{what} is NaN")
    return min(1.0, max(0.0, value))


@per_comment
def combine(ctx: Context) -> Context:
    """Per category, noisy-OR of the model's probability and the hits' strengths.

    Noisy-OR treats each piece of evidence as an independent chance that the
    category is breached: two weak hits add up, one strong hit is enough.
    Across categories we take the MAX, not a noisy-OR, because the categories
    overlap (a racist insult is abuse, racism and a personal attack at once)
    and multiplying them would inflate ``violation`` past any calibration.
    """
    miss: dict[str, float] = {}
    any_miss = 1.0
    for hit in ctx.hits:
        # Hits of categories the policy cannot cite (none today) are evidence
        # only; they do not move a score.
        if hit.category in CATEGORIES:
            strength = _probability(hit.strength, f"hit {hit.rule}")
            miss[hit.category] = miss.get(hit.category, 1.0) * (1.0 - strength)
            # Promotion reaches ``violation`` through the max below, not the
            # noisy-OR with the model's head: that head measures incivility,
            # and promotion's faint words and source links rank spam without
            # being evidence of it ("free", one link next to a sharp but
            # civil comment must not together hold it).
            if hit.category != PROMOTION:
                any_miss *= 1.0 - strength
    model = ctx.model_scores
    scores: dict[str, float | None] = {}
    for name in _PARTS:
        p = model.get(name, 0.0)
        # The chained comparison is False for NaN too: checked the slow way.
        if not 0.0 <= p <= 1.0:
            p = _probability(p, f"model {name}")
        scores[name] = p if name not in miss else 1.0 - (1.0 - p) * miss[name]
    # Each named kind of abuse is abuse.
    scores["abuse"] = max(scores["abuse"], *(scores[k] for k in ABUSE_KINDS))
    head = model.get(VIOLATION, 0.0)
    if not 0.0 <= head <= 1.0:
        head = _probability(head, "model violation")
    scores[VIOLATION] = max(1.0 - (1.0 - head) * any_miss, *scores.values())
    if OFF_TOPIC in ctx.scores:
        scores[OFF_TOPIC] = ctx.scores[OFF_TOPIC]
    return evolve(ctx, scores=scores)


# --- relevance ----------------------------------------------------------------------


def embed(contexts: list[Context]) -> list[Context]:
    """Batch step: the multilingual encoder's vector of each comment it will judge.

    One encoder pass per comment, batched, before the classifiers, so that
    any step after this one may read ``ctx.vectors["usem3"]`` instead of
    encoding again (today: relevance). Only comments with an article whose
    pair of languages the encoder reads are encoded (relevance.route); the
    text is what relevance judges (a short reply with its parent).
    """
    from . import multilingual
    from .relevance import article_language, route, subject_text

    todo = []
    for i, ctx in enumerate(contexts):
        if ctx.article is None or multilingual.NAME in ctx.vectors:
            continue
        if route(ctx.lang, article_language(ctx.article)).uses_encoder:
            todo.append(i)
    if not todo:
        return contexts
    encoder = multilingual.get_encoder()
    if encoder is None:  # not installed: relevance falls back (relevance.route)
        return contexts
    texts = [subject_text(contexts[i].text, contexts[i].parent_text) for i in todo]
    vectors = encoder.encode(texts)
    out = list(contexts)
    for i, vector in zip(todo, vectors, strict=True):
        out[i] = evolve(out[i], vectors={**out[i].vectors, multilingual.NAME: vector})
    return out


embed.step_name = "embed"


@per_comment
def relevance(ctx: Context) -> Context:
    # Without an article, or where no model reads the pair of languages,
    # ``off_topic`` stays null, which the policy reads as "no evidence either
    # way"; ``ctx.relevance`` says why. See relevance.py and docs/relevance.md.
    from .verdict import Relevance

    if ctx.article is None:
        note = Relevance("none", ctx.lang, "", "no article")
        return evolve(ctx, scores={**ctx.scores, OFF_TOPIC: None}, relevance=note)
    # Imported here, like the other wrapped modules: if relevance cannot load,
    # comments with an article are held; the engine itself still imports.
    from . import multilingual
    from .relevance import judge

    judgement = judge(
        ctx.text,
        ctx.article,
        parent_text=ctx.parent_text,
        lang=ctx.lang,
        vector=ctx.vectors.get(multilingual.NAME),
    )
    way = judgement.route
    note = Relevance(way.method or "none", way.comment_lang, way.article_lang, way.reason)
    return evolve(ctx, scores={**ctx.scores, OFF_TOPIC: judgement.score}, relevance=note)


# --- policy → decision --------------------------------------------------------------


@per_comment
def apply_policy(ctx: Context) -> Context:
    """The policy's decision and reasons: the rule lives in policy_rule.py."""
    if ctx.policy is None:
        raise ValueError("no policy on the context")
    return evolve(ctx, verdict=verdict_for(ctx, ctx.policy))


def decide(contexts: list[Context]) -> list[Context]:
    """The last gate: a comment with any error is held, whatever the policy said.

    Never raises: whatever happened before, every comment leaves with a
    verdict, and that verdict is never "approve" when anything failed.
    """
    return [_decide(ctx) for ctx in contexts]


decide.step_name = "decide"


def _decide(ctx: Context) -> Context:
    verdict = ctx.verdict
    if verdict is None:
        model = ctx.model_version or "none"
        if ctx.policy is not None:
            model = model_label(ctx, ctx.policy)
        verdict = Verdict(Decision.REVIEW, ctx.lang, dict(ctx.scores), model=model)
    decision = Decision.REVIEW if ctx.errors else verdict.decision
    if decision is not verdict.decision or verdict.errors != ctx.errors:
        verdict = replace(verdict, decision=decision, errors=ctx.errors)
    return evolve(ctx, verdict=verdict)
