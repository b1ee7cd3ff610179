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

from civility import rows
from civility.i18n import clause_message as translated_clause_message
from civility.moderation import Clause, get_engine, load_policy

from . import drafts
from .models import ClauseThreshold

_lock = threading.Lock()
_engines: dict[tuple, object] = {}


def _overrides() -> dict[str, dict[str, float]]:
    # Every post asks; most sites set none: a compiled look first (civility/rows.py).
    if rows.first_pk(ClauseThreshold, {}, order_by="clause_id") is None:
        return {}
    return {row.clause_id: row.as_override() for row in ClauseThreshold.objects.all()}


def policy():
    """The policy in force (drafts.py: the shipped one, or the latest an editor
    applied) with this site's clause thresholds on top."""
    overrides = _overrides()
    base, _version = drafts.in_force()
    return base.with_thresholds(overrides) if overrides else base


def site_engine():
    """The engine to moderate with, built once per distinct set of thresholds."""
    factory_path = getattr(settings, "CIVILITY_ENGINE_FACTORY", None)
    if factory_path:
        factory = import_string(factory_path) if isinstance(factory_path, str) else factory_path
        return factory()
    overrides = _overrides()
    base, version = drafts.in_force()
    key = (version, *sorted((cid, tuple(sorted(v.items()))) for cid, v in overrides.items()))
    if key == (0,):
        return get_engine()  # the process-wide default, shared with the CLI
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = get_engine(policy=base.with_thresholds(overrides) if overrides else base)
            _engines.clear()  # thresholds changed: the old engines are stale
            _engines[key] = engine
        return engine


def clauses() -> tuple[Clause, ...]:
    """The clauses of the policy in force, in its order.

    Site thresholds change when a clause fires, never which clauses exist or
    their text, so the base policy in force answers (one small query).
    """
    return drafts.in_force()[0].clauses


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
