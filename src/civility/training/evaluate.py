"""Measure what ships on the dev splits: the full engine, rules included.

    civility evaluate --data /work/shared/data --plots docs/img

Every comment of every dev split goes through ``Engine().moderate_batch``,
so the figures are those of the shipped pipeline (normalise, language, rules,
models, combination, policy), not of the models alone. ``--models-only``
scores with the models alone (normalised text, the set's own language, and
"reject" when the violation probability reaches 0.5), which shows what the
rules and the policy add.

Each row of the table is one target from the quality issues: a set, the
label, the metric, the value and the target. Targets set on held-out test
sets are shown against the dev split of the same set. A second table gives,
for every set that labels breaches of the guidelines, what the decisions do:
``harm published`` (breaches approved automatically / all breaches),
``automated`` (share decided without a person) and ``civil rejected``.

Only the "check" half of each dev split is read by default
(``records.dev_part``): the policy's thresholds are chosen on the other half
(bench/tune_policy.py), and the quality tests bound this one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score, roc_auc_score

from civility.moderation.categories import CATEGORIES

from . import datasets
from .records import DEV_PARTS, dev_part

BATCH = 512


@dataclass(frozen=True)
class Target:
    dataset: str
    label: str  # what the set calls it
    # "auc:<category>", "reject_f1:<category>", "c3_rejected", "c3_approved",
    # or a decision rate over the rows labelled for violation (HARM_METRICS).
    metric: str
    target: float | None  # None: reported, no target
    higher_is_better: bool = True


# The quality issues' targets (measured here on the dev splits).
TARGETS: tuple[Target, ...] = (
    Target("olid", "offensive", "reject_f1:violation", 0.80),
    Target("olid", "offensive", "auc:violation", 0.90),
    Target("hatexplain", "hate or offensive", "auc:violation", 0.85),
    Target("hatexplain", "target women", "auc:sexism", 0.85),
    Target("hatexplain", "target race", "auc:racism", 0.85),
    Target("hatexplain", "target gay", "auc:homophobia", 0.85),
    Target("hatexplain", "target refugee", "auc:xenophobia", 0.85),
    Target("jigsaw", "toxic (any label)", "auc:violation", 0.95),
    Target("jigsaw", "insult", "auc:personal_attack", 0.95),
    Target("jigsaw", "obscene", "auc:vulgarity", 0.95),
    Target("kaggle-insults", "insult", "auc:personal_attack", 0.88),
    Target("gab", "hd (human dignity)", "auc:abuse", 0.85),
    Target("gab", "cv (call for violence)", "auc:threat", 0.85),
    Target("gab", "vo (vulgar)", "auc:vulgarity", 0.93),
    Target("hateval", "hate speech", "auc:abuse", 0.72),
    Target("edos", "sexist", "auc:sexism", 0.88),
    Target("edos", "threats", "auc:threat", 0.85),
    Target("youtube-spam", "spam", "auc:promotion", 0.97),
    Target("c3", "constructive, not toxic: rejected", "c3_rejected", 0.005, False),
    Target("c3", "constructive, not toxic: approved", "c3_approved", 0.90),
    Target("c3", "crowd toxicity >= 2.5", "auc:violation", None),
    Target("offenseval2020-tr", "offensive", "reject_f1:violation", 0.80),
    Target("offenseval2020-tr", "offensive", "auc:violation", None),
    Target("osact2020-ar", "offensive", "reject_f1:violation", 0.88),
    Target("osact2020-ar", "offensive", "auc:violation", None),
    Target("osact2022-ar", "offensive", "auc:violation", None),
    Target("davidson", "hate or offensive", "auc:violation", None),
    Target("stormfront", "hate", "auc:abuse", None),
    Target("callme", "sexist", "auc:sexism", None),
    Target("reddit-misogyny", "misogynistic", "auc:sexism", None),
    Target("convabuse", "abusive", "auc:violation", None),
    # The safe approval policy: breaches published without a person, and the
    # share of comments decided without one.
    Target("olid", "offensive: approved automatically", "harm_published", 0.10, False),
    Target("olid", "decided without a person", "automated", 0.75),
    Target(
        "hatexplain", "hate or offensive: approved automatically", "harm_published", 0.05, False
    ),
    Target("hatexplain", "decided without a person", "automated", 0.75),
    Target("jigsaw", "toxic: approved automatically", "harm_published", 0.05, False),
    Target("jigsaw", "decided without a person", "automated", 0.75),
    # Civil Kurdish text (news sentences and headlines), per dialect.
    Target("kurdish-news-ckb", "civil: rejected", "civil_rejected", 0.005, False),
    Target("kurdish-news-ckb", "civil: approved automatically", "civil_approved", 0.70),
    Target("kurdish-news-kmr", "civil: rejected", "civil_rejected", 0.005, False),
    Target("kurdish-news-kmr", "civil: approved automatically", "civil_approved", 0.70),
)

# Decision rates of one set: breaches approved / breaches (rows labelled for
# violation); decided (approved or rejected) / all rows; civil rows rejected /
# civil rows; civil rows approved / civil rows.
HARM_METRICS = ("harm_published", "automated", "civil_rejected", "civil_approved")


@dataclass
class Scored:
    """The dev rows of one set with what the engine said about each."""

    rows: list[datasets.Example]
    scores: dict[str, np.ndarray]  # category -> final score
    decisions: np.ndarray  # "approve" | "review" | "reject"
    langs: np.ndarray
    errors: int
    # Share of the rows the transformer tier read (cascade.py).
    transformer_share: float = 0.0


def score_engine(rows: Sequence[datasets.Example], mode: str = "cascade") -> Scored:
    """The full engine; ``mode``: the classifier tiers ("cascade", "linear",
    "transformer"; moderation/cascade.py)."""
    from civility.moderation.context import Context
    from civility.moderation.engine import Engine
    from civility.moderation.pipeline import steps_for

    engine = Engine(steps=steps_for(mode))
    now = datetime(2026, 1, 1, tzinfo=UTC)
    scores = {c: np.zeros(len(rows)) for c in CATEGORIES}
    decisions, langs, errors, routed = [], [], 0, 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        verdicts = engine.moderate_batch([Context(text=r.text, now=now) for r in batch])
        for i, verdict in enumerate(verdicts, start):
            for c in CATEGORIES:
                scores[c][i] = float(verdict.scores.get(c) or 0.0)
            decisions.append(str(verdict.decision))
            langs.append(verdict.lang)
            errors += bool(verdict.errors)
            routed += "+transformer-" in verdict.model
    share = routed / len(rows) if rows else 0.0
    return Scored(list(rows), scores, np.array(decisions), np.array(langs), errors, share)


def score_models(rows: Sequence[datasets.Example]) -> Scored:
    from civility.moderation.classifiers import load_models, normalise_text

    models = load_models()
    texts = [normalise_text(r.text) for r in rows]
    langs = [r.lang for r in rows]
    scores = models.predict_proba(texts, langs)
    decisions = np.where(scores["violation"] >= 0.5, "reject", "approve")
    return Scored(list(rows), scores, decisions, np.array(langs), 0)


def _labelled(scored: Scored, category: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    keep = np.array([category in r.labels for r in scored.rows])
    y = np.array([r.labels.get(category, 0) for r in scored.rows])[keep]
    return keep, y, scored.scores[category][keep]


def decision_rate(scored: Scored, metric: str) -> tuple[float | None, int]:
    """One of HARM_METRICS: over the set's rows labelled for violation, except
    ``automated``, which is over all its rows."""
    if metric == "automated":
        # Every row of the set, labelled or not.
        n = len(scored.decisions)
        return (float(np.isin(scored.decisions, ("approve", "reject")).mean()) if n else None), n
    keep, y, _ = _labelled(scored, "violation")
    decisions = scored.decisions[keep]
    if metric == "harm_published":
        rows, wanted = y == 1, ("approve",)
    else:
        rows = y == 0
        wanted = ("reject",) if metric == "civil_rejected" else ("approve",)
    n = int(rows.sum())
    if not n:
        return None, 0
    return float(np.isin(decisions[rows], wanted).mean()), n


def measure(target: Target, scored: Scored) -> tuple[float | None, int]:
    """The value of one target's metric and the number of rows it is over."""
    if target.metric in HARM_METRICS:
        return decision_rate(scored, target.metric)
    kind, _, category = target.metric.partition(":")
    if kind == "auc":
        _, y, s = _labelled(scored, category)
        if len(set(y.tolist())) < 2:
            return None, len(y)
        return float(roc_auc_score(y, s)), len(y)
    if kind == "reject_f1":
        keep, y, _ = _labelled(scored, category)
        pred = (scored.decisions[keep] == "reject").astype(int)
        return float(f1_score(y, pred, average="macro")), len(y)
    welcome = np.array([bool(r.extra.get("welcome")) for r in scored.rows])
    decided = scored.decisions[welcome]
    wanted = "reject" if kind == "c3_rejected" else "approve"
    return float(np.mean(decided == wanted)) if len(decided) else None, int(welcome.sum())


@dataclass(frozen=True)
class Result:
    target: Target
    value: float | None
    n: int

    @property
    def met(self) -> bool | None:
        if self.value is None or self.target.target is None:
            return None
        if self.target.higher_is_better:
            return self.value >= self.target.target
        return self.value <= self.target.target


def dev_rows(name: str, root: Path, part: str = "check") -> list[datasets.Example]:
    """The dev rows of one set: one half of them ("tune", "check"), or "all"."""
    if part not in (*DEV_PARTS, "all"):
        raise ValueError(f"part must be one of {', '.join(DEV_PARTS)}, all; not {part!r}")
    rows = [r for r in datasets.load(name, root) if r.split == "dev"]
    return rows if part == "all" else [r for r in rows if dev_part(r) == part]


def evaluate(
    root: Path,
    models_only: bool = False,
    log=print,
    part: str = "check",
    mode: str = "cascade",
) -> tuple[list[Result], dict[str, Scored]]:
    def scorer(rows):
        return score_models(rows) if models_only else score_engine(rows, mode)

    scored: dict[str, Scored] = {}
    for name in dict.fromkeys(t.dataset for t in TARGETS):
        started = time.time()
        rows = dev_rows(name, root, part)
        scored[name] = scorer(rows)
        errors = f", {scored[name].errors} with step errors" if scored[name].errors else ""
        share = f", {scored[name].transformer_share:.0%} read by the transformer"
        log(f"# {name}: {len(rows)} dev rows scored in {time.time() - started:.1f}s{share}{errors}")
    results = [Result(t, *measure(t, scored[t.dataset])) for t in TARGETS]
    return results, scored


def format_table(results: Sequence[Result]) -> str:
    lines = [
        "| dataset (dev) | label | metric | value | target | met | n |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        t = r.target
        value = "n/a" if r.value is None else f"{r.value:.3f}"
        if t.target is None:
            goal = "-"
        else:
            goal = f"{'>=' if t.higher_is_better else '<='} {t.target:g}"
        met = {True: "yes", False: "NO", None: ""}[r.met]
        lines.append(f"| {t.dataset} | {t.label} | {t.metric} | {value} | {goal} | {met} | {r.n} |")
    met = [r.met for r in results if r.met is not None]
    lines.append("")
    lines.append(f"{sum(met)} of {len(met)} targets met on the dev splits.")
    return "\n".join(lines)


def format_harm_table(scored: dict[str, Scored]) -> str:
    """Per set labelled for violation: what the decisions publish, and who decides."""
    lines = [
        "| dataset (dev) | breaches / rows | harm published | automated | civil rejected | held |",
        "|---|---|---|---|---|---|",
    ]
    for name, one in scored.items():
        published, breaches = decision_rate(one, "harm_published")
        if breaches + decision_rate(one, "civil_rejected")[1] == 0:
            continue  # the set labels no row for violation
        automated, n = decision_rate(one, "automated")
        rejected, _ = decision_rate(one, "civil_rejected")
        cells = [
            "-" if v is None else f"{v:.3f}"
            for v in (published, automated, rejected, 1 - automated)
        ]
        lines.append(f"| {name} | {breaches} of {n} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
