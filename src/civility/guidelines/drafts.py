"""Policy drafts and the policy in force: every write, one transaction each.

- ``create_draft``: a whole policy file, or changes to the thresholds of the
  policy in force (the learning step's suggestion); checked as the engine
  would load it, every problem named.
- ``apply_draft``: an editor puts a draft in force (a new ``PolicyVersion``);
  the site's engine is rebuilt after commit.

``in_force()`` is the base policy the site applies (before the per-clause
thresholds editors set in ClauseThreshold, which stay the last word).
Replays, which read comments, are one floor up (moderators/replay.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace

from django.db import OperationalError, ProgrammingError, transaction
from django.dispatch import Signal
from django.utils import timezone

from civility import rows
from civility.errors import PermissionDenied, ValidationFailed
from civility.moderation import load_policy
from civility.moderation.policy import Policy, PolicyError, parse_policy
from civility.training.learn_line import apply_changes

from .models import PolicyDraft, PolicyVersion

# sender=PolicyVersion, version=...: the policy in force changed.
policy_applied = Signal()

EDITORS = "editors"


def is_editor(user) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=EDITORS).exists()


def build(source: str, changes: dict, number: int | None = None) -> Policy:
    """The policy a draft (or a version) stands for; PolicyError when it does not load."""
    policy = parse_policy(source, source="draft") if source else load_policy()
    policy = apply_changes(policy, changes or {})
    if changes and any(changes.get(k) for k in ("thresholds", "languages", "modes")):
        policy = replace(policy, version=f"{policy.version}+site{number or 'draft'}")
    return policy


# Inside ``read_once``: the version in force as first read ([] until then).
_read: ContextVar[list | None] = ContextVar("civility_policy_read", default=None)


@contextmanager
def read_once() -> Iterator[None]:
    """Within the block, the policy in force is asked of the database once.

    The posting service wraps one submission in it: the engine is chosen by
    the policy in force and the reader's message quotes its clause, one
    query for both (and the message quotes the policy that decided).
    """
    token = _read.set([])
    try:
        yield
    finally:
        _read.reset(token)


def _in_force_pk() -> int | None:
    """The id of the version in force (None: the shipped policy), once per ``read_once``.

    Every post asks: compiled SQL for the id (civility/rows.py; the ORM's
    compile of ``.first()`` cost more than the query), and the row itself
    only when this process has not built that version yet (``in_force``).
    """
    memo = _read.get()
    if memo:
        return memo[0]
    try:
        pk = rows.first_pk(PolicyVersion, {}, order_by=("-applied_at", "-id"))
    except (OperationalError, ProgrammingError):
        # Before the first migrate (the admin lists clauses at import): the shipped policy.
        return None
    if memo is not None:
        memo.append(pk)
    return pk


def in_force_version() -> PolicyVersion | None:
    pk = _in_force_pk()
    return None if pk is None else PolicyVersion.objects.filter(pk=pk).first()


def in_force() -> tuple[Policy, int]:
    """(the base policy in force, its version's id; 0 for the shipped default)."""
    pk = _in_force_pk()
    if pk is None:
        return load_policy(), 0
    found = _cache.get(pk)
    if found is None:
        version = PolicyVersion.objects.get(pk=pk)
        found = _built(version.pk, version.source, version.changes)
    return found, pk


_cache: dict[int, Policy] = {}


def _built(pk: int, source: str, changes: dict) -> Policy:
    found = _cache.get(pk)
    if found is None:
        found = build(source, changes, pk)
        _cache.clear()  # one version is in force at a time
        _cache[pk] = found
    return found


def create_draft(
    *,
    name: str,
    actor=None,
    source: str = "",
    changes: dict | None = None,
    origin: str = PolicyDraft.Origin.FILE,
    suggestion: dict | None = None,
    now=None,
) -> PolicyDraft:
    """Store a draft after checking that it loads (every problem named)."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        raise PermissionDenied("Only editors can make policy drafts.")
    if not source and origin == PolicyDraft.Origin.LEARNED:
        version = in_force_version()
        source = version.source if version else ""
        changes = _merged(version.changes if version else {}, changes or {})
    try:
        build(source, changes or {})
    except PolicyError as exc:
        raise ValidationFailed(str(exc), field="source", code="invalid_policy") from None
    return PolicyDraft.objects.create(
        name=(name or "draft").strip()[:200],
        origin=origin,
        source=source,
        changes=changes or {},
        suggestion=suggestion or {},
        created_by=actor,
        created_at=now or timezone.now(),
    )


def _merged(base: dict, new: dict) -> dict:
    out = {}
    for scope in ("thresholds", "languages"):
        merged = {k: dict(v) for k, v in (base.get(scope) or {}).items()}
        for name, values in (new.get(scope) or {}).items():
            merged.setdefault(name, {}).update(values)
        out[scope] = merged
    out["modes"] = {**(base.get("modes") or {}), **(new.get("modes") or {})}
    return out


def apply_draft(draft, *, actor, now=None) -> PolicyVersion:
    """Put ``draft`` in force: a new version, the draft marked applied, one transaction."""
    if not is_editor(actor):
        raise PermissionDenied("Only editors can change the policy in force.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = PolicyDraft.objects.select_for_update().get(pk=getattr(draft, "pk", draft))
        if locked.applied_at is not None:
            raise ValidationFailed(
                "This draft is already in force or was applied before; make a new one.",
                field="draft",
                code="draft_applied",
            )
        version = PolicyVersion.objects.create(
            draft=locked,
            source=locked.source,
            changes=locked.changes,
            label="",
            applied_by=actor,
            applied_at=now,
        )
        label = build(version.source, version.changes, version.pk).label
        PolicyVersion.objects.filter(pk=version.pk).update(label=label)
        version.label = label
        PolicyDraft.objects.filter(pk=locked.pk).update(applied_at=now, applied_by=actor)
        transaction.on_commit(lambda: policy_applied.send(sender=PolicyVersion, version=version))
    return version
