"""Replay a draft policy over past comments, and learn one from the moderators' decisions.

- ``run_replay(draft)``: the engine runs once over the comments posted since
  a date (the latest ``LIMIT``), and the policy in force and the draft both
  judge the same evidence (training/evidence.py, the policy module's own
  rule): per clause, how many approvals would become holds or rejections
  and the reverse, with example comments. Nothing changes until an editor
  applies the draft (guidelines/drafts.apply_draft). The replay records the
  models' and both policies' versions.
- ``suggest_draft()``: the comments the policy held and a person then
  decided are the newsroom's line; training/learn_line.suggest turns them
  into thresholds, stored as a draft with its before/after table, and
  replayed like any other.

The admin does not wait for either: ``queue_replay`` stores the replay
as running and enqueues ``replay_task``, ``queue_learning`` enqueues
``learn_task`` (background tasks, run by `civility worker`: civility/
background), each after its request commits; the draft's page shows the
replay running, then its table, or its error. The command line
(`civility policy replay`, `civility policy learn`) runs them in its own
process and waits, as before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from django.db.models import OuterRef, Subquery
from django.tasks import task
from django.utils import timezone

from civility.background.enqueue import with_commit
from civility.comments.models import Comment, DecisionRecord
from civility.errors import ValidationFailed
from civility.guidelines import drafts, site_policy
from civility.guidelines.models import PolicyDraft, Replay
from civility.moderation.context import Article
from civility.moderation.policy_rule import rule
from civility.training import evidence, learn_line

# The most comments one replay reads (the latest posted since its date).
LIMIT = 2000
EXAMPLES = 5


def _comments(since: dt.date | None, limit: int):
    comments = Comment.objects.select_related("article").order_by("-created_at", "-id")
    if since is not None:
        comments = comments.filter(created_at__date__gte=since)
    return list(comments[:limit])


def _gather(comments, policy) -> list[evidence.Gathered]:
    return evidence.gather(
        [c.text for c in comments],
        policy=policy,
        articles=[Article(c.article.title, c.article.body, c.article.language) for c in comments],
        langs=[c.article.language for c in comments],
    )


def _overrides(policy):
    overrides = site_policy._overrides()
    return policy.with_thresholds(overrides) if overrides else policy


def run_replay(draft: PolicyDraft, *, actor=None, since=None, limit: int = LIMIT) -> Replay:
    """Replay ``draft`` over past comments and store what it would change (and wait)."""
    return _finish(_start(draft, actor=actor, since=since), limit)


def queue_replay(draft: PolicyDraft, *, actor=None, since=None) -> Replay:
    """Store the replay as running and leave the work to a background task."""
    replay = _start(draft, actor=actor, since=since)
    with_commit(replay_task, replay.pk)
    return replay


@task()
def replay_task(replay_id: int, limit: int = LIMIT) -> int:
    """Run a replay ``queue_replay`` stored; a failure is written on the replay too."""
    replay = Replay.objects.select_related("draft").get(pk=replay_id)
    try:
        return _finish(replay, limit).changed
    except Exception as error:
        Replay.objects.filter(pk=replay_id).update(
            error=f"{type(error).__name__}: {error}"[:2000], finished_at=timezone.now()
        )
        raise


def _start(draft: PolicyDraft, *, actor, since) -> Replay:
    before = site_policy.policy()
    after = _overrides(drafts.build(draft.source, draft.changes))
    return Replay.objects.create(
        draft=draft,
        since=since,
        created_by=actor,
        started_at=timezone.now(),
        policy_before=before.label,
        policy_after=after.label,
    )


def _finish(replay: Replay, limit: int) -> Replay:
    # The policies again: the one in force may have changed while it waited.
    draft, since = replay.draft, replay.since
    before = site_policy.policy()
    after = _overrides(drafts.build(draft.source, draft.changes))
    comments = _comments(since, limit)
    gathered = _gather(comments, before)
    counts: dict[str, Counter] = defaultdict(Counter)
    examples: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    changed = 0
    for comment, g in zip(comments, gathered, strict=True):
        was, will = str(evidence.decide(before, g)), str(evidence.decide(after, g))
        if was == will:
            continue
        changed += 1
        ruling = rule(after if will != "approve" else before, g.evidence)
        clause = ruling.citations[0].clause_id if ruling.citations else "(none)"
        change = f"{was}→{will}"
        counts[clause][change] += 1
        if len(examples[clause][change]) < EXAMPLES:
            examples[clause][change].append(comment.pk)
    models = sorted({g.model for g in gathered if g.model})
    Replay.objects.filter(pk=replay.pk).update(
        comments=len(comments),
        changed=changed,
        counts={k: dict(v) for k, v in counts.items()},
        examples={k: dict(v) for k, v in examples.items()},
        model_version=", ".join(models)[:300],
        policy_before=before.label,
        policy_after=after.label,
        finished_at=timezone.now(),
    )
    replay.refresh_from_db()
    return replay


def human_decisions(since=None, limit: int = learn_line.RECENT):
    """The held comments a person then approved or rejected, oldest first, with the
    person's latest decision: the newsroom's line."""
    latest_human = DecisionRecord.objects.filter(
        comment=OuterRef("pk"), actor__isnull=False
    ).order_by("-created_at", "-id")
    comments = (
        Comment.objects.filter(decisions__actor__isnull=True, decisions__suggested="review")
        .annotate(person=Subquery(latest_human.values("status")[:1]))
        .filter(person__in=("approved", "rejected"))
        .select_related("article")
        .distinct()
        .order_by("-created_at", "-id")
    )
    if since is not None:
        comments = comments.filter(created_at__date__gte=since)
    return list(comments[:limit] if limit else comments)[::-1]


def queue_learning(*, actor=None, since=None) -> None:
    """``suggest_draft`` then its replay, in a background task.

    Refused at once (ValidationFailed) when there is nothing to learn from,
    so the editor is told in the request rather than by a failed task.
    """
    if not human_decisions(since, limit=1):
        raise _nothing_to_learn()
    with_commit(learn_task, getattr(actor, "pk", None), since.isoformat() if since else None)


@task()
def learn_task(actor_id: int | None, since: str | None) -> int:
    """The draft learned from the moderators' decisions, replayed; its id."""
    from django.contrib.auth import get_user_model

    actor = get_user_model().objects.filter(pk=actor_id).first() if actor_id else None
    draft = suggest_draft(actor=actor, since=dt.date.fromisoformat(since) if since else None)
    run_replay(draft, actor=actor)
    return draft.pk


def _nothing_to_learn() -> ValidationFailed:
    return ValidationFailed(
        "No decisions by moderators to learn from yet.", field="since", code="nothing_to_learn"
    )


def suggest_draft(*, actor=None, since=None) -> PolicyDraft:
    """A draft of thresholds learned from the moderators' decisions, with its table."""
    comments = human_decisions(since)
    if not comments:
        raise _nothing_to_learn()
    policy = site_policy.policy()
    gathered = _gather(comments, policy)
    decided = [
        learn_line.Decided(g, rejected=c.person == "rejected")
        for c, g in zip(comments, gathered, strict=True)
    ]
    suggestion = learn_line.suggest(policy, decided)
    table = {
        "decided": suggestion.after.decided,
        "held_before": suggestion.before.held,
        "held_after": suggestion.after.held,
        "holds_saved": suggestion.before.held - suggestion.after.held,
        "breaches_published": suggestion.after.breaches_published,
        "civil_rejected": suggestion.after.civil_rejected,
        "rows": suggestion.table,
        "describe": suggestion.describe(),
    }
    return drafts.create_draft(
        name=f"Learned from {len(decided)} decisions ({timezone.localdate():%Y-%m-%d})",
        actor=actor,
        changes=suggestion.changes,
        origin=PolicyDraft.Origin.LEARNED,
        suggestion=table,
    )
