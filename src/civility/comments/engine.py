"""The bridge between the web app and the moderation engine.

The engine (``civility.moderation``) knows nothing of Django. This module
builds it with this site's clause thresholds from the database and lists the
policy's clauses for the moderator UI. A setting ``CIVILITY_ENGINE_FACTORY``
(dotted path to a callable returning an object with ``moderate``) replaces the
engine, which is how tests pin an outcome.

Anything that goes wrong here raises: the caller (``actions.post_comment``)
holds the comment for review. Pre-moderation fails closed.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string

_lock = threading.Lock()
_engines: dict[tuple, object] = {}


@dataclass(frozen=True)
class Clause:
    """What the web app needs of a policy clause."""

    id: str
    text: str
    message: str
    categories: tuple[str, ...] = ()


def _overrides() -> dict[str, dict[str, float | None]]:
    from .models import ClauseThreshold

    return {row.clause_id: row.as_override() for row in ClauseThreshold.objects.all()}


def load_site_policy():
    """The shipped policy with this site's thresholds applied."""
    from civility.moderation import load_policy

    policy = load_policy()
    overrides = _overrides()
    return policy.with_thresholds(overrides) if overrides else policy


def site_engine():
    """The engine to moderate with, built once per distinct set of thresholds."""
    factory_path = getattr(settings, "CIVILITY_ENGINE_FACTORY", None)
    if factory_path:
        factory = import_string(factory_path) if isinstance(factory_path, str) else factory_path
        return factory()
    from civility.moderation import get_engine

    overrides = _overrides()
    key = tuple(sorted((cid, tuple(sorted(v.items()))) for cid, v in overrides.items()))
    if not key:
        return get_engine()  # the process-wide default, shared with the CLI
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            from civility.moderation import load_policy

            engine = get_engine(policy=load_policy().with_thresholds(overrides))
            _engines.clear()  # thresholds changed: the old engines are stale
            _engines[key] = engine
        return engine


# Used only while the policy cannot be loaded (the engine not installed or its
# policy file broken): moderators must still be able to reject, citing the
# guidelines as the publisher wrote them.
FALLBACK_CLAUSES = (
    Clause("profanity", "We will not tolerate profanity.", "Rejected: profanity is not allowed."),
    Clause("threats", "We will not tolerate threats.", "Rejected: threats are not allowed."),
    Clause(
        "personal_attacks",
        "We will not tolerate personal attacks.",
        "Rejected: personal attacks are not allowed.",
    ),
    Clause("vulgarity", "We will not tolerate vulgarity.", "Rejected: vulgarity is not allowed."),
    Clause(
        "abuse",
        "We will not tolerate abuse (such as sexism, racism, homophobia or xenophobia).",
        "Rejected: abuse is not allowed.",
    ),
    Clause(
        "promotion",
        "We will not tolerate commercial or personal promotion.",
        "Rejected: commercial or personal promotion is not allowed.",
    ),
)


def clauses() -> list[Clause]:
    """The clauses a moderator may cite (the policy's, else the fallback list).

    Site thresholds change when a clause fires, never which clauses exist or
    their text, so the shipped policy answers and no database query is needed.
    """
    try:
        from civility.moderation import load_policy

        policy = load_policy()
        return [
            Clause(
                id=c.id,
                text=c.text,
                message=getattr(c, "message", "") or "",
                categories=tuple(getattr(c, "categories", ()) or ()),
            )
            for c in policy.clauses
        ]
    except Exception:  # noqa: BLE001 - see FALLBACK_CLAUSES
        return list(FALLBACK_CLAUSES)


def clause(clause_id: str) -> Clause | None:
    return next((c for c in clauses() if c.id == clause_id), None)
