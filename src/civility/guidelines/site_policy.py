"""The guidelines in force on this site, and the engine that applies them.

The engine (``civility.moderation``) knows nothing of Django. This module
gives the web side the shipped policy's clauses (the only source of their
texts: ``moderation/default_policy.toml``) and builds the engine with this
site's clause thresholds from the database (``ClauseThreshold``). A setting
``CIVILITY_ENGINE_FACTORY`` (a callable, or its dotted path, returning an
object with ``moderate``) replaces the engine, which is how tests pin an
outcome.

There is no fallback: a policy that cannot be loaded stops the site at
start-up (``check_policy_loads``, a system check), and should it break later
the posting service holds every comment for a person (posting/steps.py).
"""

from __future__ import annotations

import threading

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

from civility.i18n import clause_message as translated_clause_message
from civility.moderation import Clause, get_engine, load_policy

from .models import ClauseThreshold

_lock = threading.Lock()
_engines: dict[tuple, object] = {}


def _overrides() -> dict[str, dict[str, float]]:
    return {row.clause_id: row.as_override() for row in ClauseThreshold.objects.all()}


def policy():
    """The shipped policy with this site's thresholds applied."""
    overrides = _overrides()
    shipped = load_policy()
    return shipped.with_thresholds(overrides) if overrides else shipped


def site_engine():
    """The engine to moderate with, built once per distinct set of thresholds."""
    factory_path = getattr(settings, "CIVILITY_ENGINE_FACTORY", None)
    if factory_path:
        factory = import_string(factory_path) if isinstance(factory_path, str) else factory_path
        return factory()
    overrides = _overrides()
    key = tuple(sorted((cid, tuple(sorted(v.items()))) for cid, v in overrides.items()))
    if not key:
        return get_engine()  # the process-wide default, shared with the CLI
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = get_engine(policy=load_policy().with_thresholds(overrides))
            _engines.clear()  # thresholds changed: the old engines are stale
            _engines[key] = engine
        return engine


def clauses() -> tuple[Clause, ...]:
    """The policy's clauses, in its order.

    Site thresholds change when a clause fires, never which clauses exist or
    their text, so the shipped policy answers and no database query is needed.
    """
    return load_policy().clauses


def clause(clause_id: str) -> Clause | None:
    return next((c for c in clauses() if c.id == clause_id), None)


def clause_message(clause_id: str) -> str:
    """The reader's message for a clause, in the active language ("" if none)."""
    found = clause(clause_id)
    return translated_clause_message(found.id, found.message) if found else ""


def check_policy_loads(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """System check: the policy loads, or the site does not start."""
    try:
        load_policy()
    except Exception as exc:  # noqa: BLE001 - any failure is the same refusal
        return [
            checks.Error(
                f"The moderation policy cannot be loaded: {exc}",
                hint="Fix the policy file (civility policy check FILE), then start again.",
                id="civility.E001",
            )
        ]
    return []
