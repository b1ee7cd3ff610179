"""The moderation pipeline: an ordered list of small steps, and its runner.

Read docs/pipeline.md for the life of a comment inside the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import replace

from . import steps as s
from .context import Context
from .steps import Step, evolve, record_error, step_name
from .verdict import Decision, Verdict

log = logging.getLogger("civility.moderation")

# Why this order:
# 1. normalise first: every later step must see through look-alike letters,
#    spacing tricks and invisible characters, and map evidence back to the
#    reader's own text.
# 2. language next: lexicons and models are per language.
# 3. rules before the models: they are cheap, explainable, and give the
#    evidence spans; they are also all we have for Kurdish.
# 4. repeat: the same text posted again (needs only the raw text and the
#    recent texts the web app passes in).
# 5. embed, batched: the multilingual encoder's one pass over each comment
#    that has an article in a language pair it reads; every later step reads
#    the vector from the context instead of encoding again.
# 6. classifiers, batched: the expensive step, run once over the whole batch;
#    the linear tier reads every comment, the transformer what it leaves
#    unclear (cascade.py).
# 7. combine rule hits and model probabilities into one score per category.
# 8. relevance to the article (off_topic; null without an article, or where
#    no model reads the pair of languages, with the reason).
# 9. policy: measure the scores against each guideline clause's thresholds.
# 10. decide last: it fails closed on any earlier error and applies the
#    per-language limits, so nothing before it can publish a comment.
# Unlike Coral's phases, no step ends the run early: every comment gets all
# its scores, so a moderator always sees the full picture.
DEFAULT_STEPS: tuple[Step, ...] = (
    s.normalise,
    s.language,
    s.rules,
    s.repeat,
    s.embed,
    s.classify,
    s.combine,
    s.relevance,
    s.apply_policy,
    s.decide,
)


_by_mode: dict[str, tuple[Step, ...]] = {"cascade": DEFAULT_STEPS}


def steps_for(mode: str = "cascade") -> tuple[Step, ...]:
    """The default steps with the classifier tiers of ``mode`` ("cascade",
    "linear" or "transformer"; cascade.py). One step per mode per process,
    so the models load once."""
    if mode not in _by_mode:
        from .cascade import MODES

        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        classify = s.Classify(mode=mode)
        _by_mode[mode] = tuple(classify if step is s.classify else step for step in DEFAULT_STEPS)
    return _by_mode[mode]


def run_pipeline(
    contexts: Sequence[Context], steps: Sequence[Step] = DEFAULT_STEPS
) -> list[Context]:
    """Run ``contexts`` through ``steps`` in order; every comment leaves with a verdict.

    A step that raises marks every comment it was given with the error and
    the run goes on with the contexts as they were; so does a step that
    returns the wrong number of contexts. ``finish`` then makes sure no
    comment with an error is approved (fail closed).
    """
    contexts = list(contexts)
    if not contexts:
        return contexts
    for step in steps:
        name = step_name(step)
        try:
            out = step(contexts)
            if len(out) != len(contexts):
                raise RuntimeError(f"returned {len(out)} contexts for {len(contexts)}")
        except Exception as exc:  # noqa: BLE001 - fail closed, never drop a batch
            _log_batch_failure(name, len(contexts), exc)
            contexts = [record_error(ctx, name, exc) for ctx in contexts]
            continue
        contexts = list(out)
    return [finish(ctx) for ctx in contexts]


_traced: set[tuple[str, str]] = set()


def _log_batch_failure(name: str, size: int, exc: Exception) -> None:
    # The traceback once per distinct failure: a missing model file fails
    # every batch of a long `civility moderate` run the same way.
    key = (name, repr(exc))
    first = key not in _traced
    if first and len(_traced) < 256:
        _traced.add(key)
    log.error("step %s failed for a batch of %d: %r", name, size, exc, exc_info=first)


def finish(ctx: Context) -> Context:
    """The last guard, whatever the steps were: a verdict, never approved on error."""
    verdict = ctx.verdict
    if verdict is None:
        errors = ctx.errors or ("pipeline: no step gave a verdict",)
        verdict = Verdict(Decision.REVIEW, ctx.lang, dict(ctx.scores), errors=errors)
        return evolve(ctx, verdict=verdict, errors=errors)
    if ctx.errors and (verdict.decision is not Decision.REVIEW or verdict.errors != ctx.errors):
        verdict = replace(verdict, decision=Decision.REVIEW, errors=ctx.errors)
        return evolve(ctx, verdict=verdict)
    return ctx
