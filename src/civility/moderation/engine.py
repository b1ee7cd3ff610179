"""The Engine: one object the web app and the CLI ask for verdicts.

Following the estimator habit, the constructor only stores its parameters;
the policy (and, through the classifier step, the models) load lazily on the
first comment and are kept. ``get_engine()`` gives the process-wide default;
``warm_up()`` loads all of it at once, before a web worker takes its first
request (civility/web/wsgi.py), so that no request pays for loading.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime

from .context import Article, Context
from .pipeline import DEFAULT_STEPS, run_pipeline
from .policy import Policy, load_policy
from .steps import Step, evolve
from .verdict import Verdict


class Engine:
    def __init__(self, policy: Policy | None = None, steps: Sequence[Step] | None = None):
        self.policy = policy
        self.steps = steps
        self._lock = threading.Lock()
        self._policy: Policy | None = None

    def resolved_policy(self) -> Policy:
        """The policy in use: the one given, else the shipped default (loaded once)."""
        if self.policy is not None:
            return self.policy
        if self._policy is None:
            with self._lock:
                if self._policy is None:
                    self._policy = load_policy()
        return self._policy

    def moderate_batch(self, contexts: Sequence[Context]) -> list[Verdict]:
        """Verdicts for many comments at once, in order (the classifiers run batched).

        A context that already carries a policy keeps it, so one batch may mix
        comments from sites with different thresholds.
        """
        policy = self.resolved_policy()
        prepared = [
            ctx if ctx.policy is not None else evolve(ctx, policy=policy) for ctx in contexts
        ]
        steps = DEFAULT_STEPS if self.steps is None else self.steps
        return [ctx.verdict for ctx in run_pipeline(prepared, steps)]

    def moderate(
        self,
        text: str,
        article: Article | None = None,
        lang: str | None = None,
        parent_text: str | None = None,
        recent_texts: Sequence[str] = (),
        now: datetime | None = None,
    ) -> Verdict:
        """The verdict for one comment. ``lang`` is a hint; the engine identifies the language."""
        ctx = Context(
            text=text,
            article=article,
            lang_hint=lang,
            parent_text=parent_text,
            recent_texts=tuple(recent_texts),
            now=now or datetime.now(UTC),
        )
        return self.moderate_batch([ctx])[0]


_default: Engine | None = None
_default_lock = threading.Lock()


def get_engine(policy: Policy | None = None) -> Engine:
    """The process-wide default engine, or a new one for ``policy``.

    An engine for a given policy is cheap (it only stores the policy): the
    models are shared by every engine that uses the default steps.
    """
    global _default
    if policy is not None:
        return Engine(policy=policy)
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Engine()
    return _default


log = logging.getLogger("civility.moderation")

WARM_UP_TEXT = "Thank you for the careful report on the talks in Geneva."


def warm_up() -> float:
    """Load everything the default engine reads, now: the policy, the
    classifier tiers (and the transformer's ONNX Runtime sessions, which
    would otherwise be built on the first comment the cascade routes to it),
    the multilingual encoder and the relevance model; then moderate one
    comment with an article through every step. Returns the seconds it took.

    Never raises: a model that cannot load is logged here, and the comments
    that need it are held (the pipeline fails closed) as they would be
    without a warm-up.
    """
    from . import steps

    started = time.perf_counter()
    try:
        engine = get_engine()
        engine.resolved_policy()
        tiers = steps.classify.models()
        transformer = getattr(tiers, "transformer", None)
        if transformer is not None:
            transformer.warm()
            # Which arithmetic runs depends on the CPU (transformer.py): say so.
            arithmetic = {"none": "float32"}.get(transformer.quantise, transformer.quantise)
            log.info("the transformer tier multiplies in %s", arithmetic)
        article = Article(title="Ceasefire talks resume in Geneva", body=WARM_UP_TEXT, lang="en")
        engine.moderate(WARM_UP_TEXT, article=article)
    except Exception:  # noqa: BLE001 - a worker must start; comments are held instead
        log.exception("the moderation engine's warm-up failed")
    took = time.perf_counter() - started
    log.info("moderation engine warmed up in %.1f s", took)
    return took
