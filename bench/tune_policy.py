"""Choose the policy's thresholds on the TUNING half of the dev splits.

    .venv/bin/python bench/tune_policy.py [--data DIR] [--cache FILE] [--rescore]
                                          [--policy FILE] [--search]

Which rows. Every dev split is halved by a salted hash of the text
(``civility.training.records.dev_part``: ``blake2b("civility-tune-v1:" +
text) < 0.5`` is the "tune" half; YouTube spam is halved by video). This
script reads the "tune" half only. The quality tests (tests/quality), `civility
evaluate` and the figures in docs/evaluation.md read the "check" half only, so
no bound is measured on the rows its threshold was chosen on.

How. One engine pass gives every row's ``Evidence`` (what the policy reads:
scores, the strongest tier's probabilities, rule flags, language confidence),
cached in --cache (--rescore after the models or the rules change); then
each candidate policy is applied to the cached evidence with
``civility.moderation.policy_rule.rule``, the very function the engine's
policy step calls. So a row of the table is what the engine would decide
with that policy, and there is no second copy of the rule to drift.
``--search`` tries English review and reject thresholds together against
the approval targets (SEARCH_TARGETS) and prints the best candidates.

What it prints, per candidate:

* harm published (breaches approved automatically / breaches), automated
  (decided without a person) and, for OLID / HateXplain / Jigsaw, the sets the
  approval targets name; civil rejected where it matters;
* C3 constructive-and-not-toxic comments rejected and approved;
* reject macro-F1 (OLID, Turkish, Arabic);
* Kurdish news sentences and headlines (civil): rejected and approved.

The chosen values are in ``default_policy.toml``; docs/evaluation.md explains
the choice.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from civility.moderation.categories import CATEGORIES, OFF_TOPIC  # noqa: E402
from civility.moderation.policy import Policy, load_policy  # noqa: E402
from civility.moderation.policy_rule import Evidence, evidence_of, rule  # noqa: E402

SETS = (
    "olid",
    "hatexplain",
    "jigsaw",
    "c3",
    "offenseval2020-tr",
    "osact2020-ar",
    "davidson",
    "convabuse",
    "kurdish-news-ckb",
    "kurdish-news-kmr",
)
SCORED = (*CATEGORIES, OFF_TOPIC)
BATCH = 512


@dataclass
class Rows:
    """One set's tuning rows: their evidence, labels and step errors."""

    evidence: list[Evidence]
    label: np.ndarray  # violation: 1, 0, or -1 when the set does not say
    welcome: np.ndarray  # C3: constructive and not toxic
    errors: np.ndarray


def _score(data: Path) -> dict[str, dict[str, np.ndarray]]:
    from civility.moderation.context import Context
    from civility.moderation.pipeline import run_pipeline
    from civility.training.evaluate import dev_rows

    policy = load_policy()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    out = {}
    for name in SETS:
        started = time.time()
        rows = dev_rows(name, data, part="tune")
        contexts = []
        for start in range(0, len(rows), BATCH):
            batch = [
                Context(text=r.text, now=now, policy=policy) for r in rows[start : start + BATCH]
            ]
            contexts += run_pipeline(batch)
        evidence = [evidence_of(c) for c in contexts]
        out[name] = {
            "lang": np.array([e.lang for e in evidence]),
            "lang_confidence": np.array([e.lang_confidence for e in evidence]),
            "scores": np.array([[_num(e.scores.get(c)) for c in SCORED] for e in evidence]),
            "tier": np.array([e.tier for e in evidence]),
            "tier_scores": np.array(
                [[_num(e.tier_scores.get(c)) for c in SCORED] for e in evidence]
            ),
            "threat_rule": np.array([e.threat_rule for e in evidence]),
            "disguised": np.array([e.disguised for e in evidence]),
            "rule_categories": np.array([" ".join(sorted(e.rule_categories)) for e in evidence]),
            "errors": np.array([bool(c.errors) for c in contexts]),
            "label": np.array([r.labels.get("violation", -1) for r in rows]),
            "welcome": np.array([bool(r.extra.get("welcome")) for r in rows]),
        }
        print(f"# {name}: {len(rows)} tuning rows in {time.time() - started:.1f}s", file=sys.stderr)
    return out


def _num(value) -> float:
    return math.nan if value is None else float(value)


def _scores(row: np.ndarray) -> dict[str, float | None]:
    return {c: (None if math.isnan(v) else float(v)) for c, v in zip(SCORED, row, strict=True)}


# The fields of a cached row; a cache written with other fields is scored again.
CACHE_FIELDS = frozenset(
    {
        "lang",
        "lang_confidence",
        "scores",
        "tier",
        "tier_scores",
        "threat_rule",
        "disguised",
        "rule_categories",
        "errors",
        "label",
        "welcome",
    }
)


def load_rows(data: Path, cache: Path, rescore: bool = False) -> dict[str, Rows]:
    arrays: dict[str, dict[str, np.ndarray]] = {}
    if cache.exists() and not rescore:
        with np.load(cache) as stored:
            for key in stored.files:
                name, _, field = key.rpartition("/")
                arrays.setdefault(name, {})[field] = stored[key]
    if set(arrays) != set(SETS) or any(set(a) != CACHE_FIELDS for a in arrays.values()):
        if arrays:
            print(f"# {cache} was written by another version: scoring again", file=sys.stderr)
        arrays = _score(data)
        np.savez_compressed(
            cache, **{f"{n}/{f}": a for n, d in arrays.items() for f, a in d.items()}
        )
    out = {}
    for name, a in arrays.items():
        evidence = [
            Evidence(
                lang=str(a["lang"][i]),
                scores=_scores(a["scores"][i]),
                tier=str(a["tier"][i]),
                tier_scores={
                    k: v for k, v in _scores(a["tier_scores"][i]).items() if v is not None
                },
                threat_rule=bool(a["threat_rule"][i]),
                disguised=bool(a["disguised"][i]),
                rule_categories=frozenset(str(a["rule_categories"][i]).split()),
                lang_confidence=float(a["lang_confidence"][i]),
            )
            for i in range(len(a["lang"]))
        ]
        out[name] = Rows(evidence, a["label"], a["welcome"], a["errors"])
    return out


def decisions(policy: Policy, rows: Rows) -> np.ndarray:
    got = np.array([str(rule(policy, e).decision) for e in rows.evidence])
    # The decide step holds a comment whose steps failed, whatever the rule says.
    return np.where(rows.errors, "review", got)


def figures(policy: Policy, scored: dict[str, Rows]) -> dict[str, float]:
    """The tuned figures of one policy over the cached evidence."""
    out: dict[str, float] = {}
    for name, rows in scored.items():
        d = decisions(policy, rows)
        labelled = rows.label >= 0
        y = rows.label[labelled]
        dl = d[labelled]
        out[f"{name} harm"] = float((dl[y == 1] == "approve").mean()) if (y == 1).any() else 0.0
        out[f"{name} auto"] = float((d != "review").mean())
        out[f"{name} civil rej"] = float((dl[y == 0] == "reject").mean()) if (y == 0).any() else 0
        out[f"{name} civil appr"] = float((dl[y == 0] == "approve").mean()) if (y == 0).any() else 0
        if name in ("olid", "offenseval2020-tr", "osact2020-ar"):
            out[f"{name} F1"] = float(f1_score(y, (dl == "reject").astype(int), average="macro"))
        if name == "c3":
            out["c3 welcome rej"] = float((d[rows.welcome] == "reject").mean())
            out["c3 welcome appr"] = float((d[rows.welcome] == "approve").mean())
    return out


COLUMNS = (
    "olid harm",
    "olid auto",
    "hatexplain harm",
    "hatexplain auto",
    "jigsaw harm",
    "jigsaw auto",
    "c3 welcome rej",
    "c3 welcome appr",
    "olid F1",
    "offenseval2020-tr F1",
    "osact2020-ar F1",
    "offenseval2020-tr harm",
    "osact2020-ar harm",
    "kurdish-news-ckb civil rej",
    "kurdish-news-ckb civil appr",
    "kurdish-news-kmr civil rej",
    "kurdish-news-kmr civil appr",
)


def english(policy: Policy, review_at: float, violation_review_at: float) -> Policy:
    """English with every prohibit clause held from ``review_at`` and the
    overall score from ``violation_review_at`` (reject thresholds unchanged)."""
    clauses = {
        c.id: {"review_at": min(review_at, c.reject_at or 1.0)}
        for c in policy.clauses
        if c.prohibits and c.id != "promotion"
    }
    return policy.with_language("en", thresholds=clauses, violation_review_at=violation_review_at)


# The English targets a searched policy must meet on the tuning half, and the
# harm it minimises (the largest share of its limit, over the three sets).
SEARCH_TARGETS = {
    "c3 welcome rej": ("<=", 0.005),
    "c3 welcome appr": (">=", 0.90),
    "olid auto": (">=", 0.75),
    "hatexplain auto": (">=", 0.75),
    "jigsaw auto": (">=", 0.75),
}
HARM_LIMITS = {"olid harm": 0.10, "hatexplain harm": 0.05, "jigsaw harm": 0.05}
ENGLISH_SETS = ("olid", "hatexplain", "jigsaw", "c3")


def search(chosen: Policy, scored: dict[str, Rows]) -> int:
    """English review and reject thresholds against SEARCH_TARGETS: the
    candidates that meet them, least harm first (else the nearest misses)."""
    english_rows = {name: scored[name] for name in ENGLISH_SETS}
    found = []
    for violation_review in (0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6):
        for review_at in (0.3, 0.4, 0.5):
            for violation_reject in (None, 0.7, 0.8, 0.9, 0.95):
                for confirm in (0.2, 0.5):
                    if violation_reject is not None and violation_reject < violation_review:
                        continue
                    policy = english(chosen, review_at, violation_review).with_language(
                        "en", violation_reject_at=violation_reject, reject_confirm_at=confirm
                    )
                    got = figures(policy, english_rows)
                    misses = sum(
                        max(0.0, (limit - got[k]) if op == ">=" else (got[k] - limit))
                        for k, (op, limit) in SEARCH_TARGETS.items()
                    )
                    harm = max(got[k] / limit for k, limit in HARM_LIMITS.items())
                    label = (
                        f"review_at {review_at}, violation_review_at {violation_review}, "
                        f"violation_reject_at {violation_reject}, reject_confirm_at {confirm}"
                    )
                    found.append((misses > 0, misses, harm, label, got))
    found.sort(key=lambda f: f[:3])
    columns = (*SEARCH_TARGETS, *HARM_LIMITS)
    print("| en thresholds | meets targets | harm / limit | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 3) + "|")
    for missed, _, harm, label, got in found[:15]:
        cells = " | ".join(f"{got[c]:.3f}" for c in columns)
        print(f"| {label} | {'no' if missed else 'yes'} | {harm:.2f} | {cells} |")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default_data = Path(os.environ.get("CIVILITY_DATA", ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/civility-tune.npz"))
    parser.add_argument("--policy", type=Path, default=None, help="default: the shipped one")
    parser.add_argument(
        "--rescore",
        action="store_true",
        help="score the rows again (after the models or the rules changed)",
    )
    parser.add_argument(
        "--search",
        action="store_true",
        help="search English thresholds for the approval targets (SEARCH_TARGETS)",
    )
    args = parser.parse_args()
    scored = load_rows(args.data, args.cache, rescore=args.rescore)
    chosen = load_policy(args.policy)
    base = replace(chosen, language_rules={})
    if args.search:
        return search(chosen, scored)

    print("| policy | " + " | ".join(COLUMNS) + " |")
    print("|---" * (len(COLUMNS) + 1) + "|")

    def row(label: str, policy: Policy) -> None:
        got = figures(policy, scored)
        print(f"| {label} | " + " | ".join(f"{got[c]:.3f}" for c in COLUMNS) + " |")

    row("no per-language rules", base)
    # English rejections: the model's confirmation a clause needs to reject
    # (reject_confirm_at); below it, the clause holds.
    for confirm in (None, 0.1, 0.2, 0.3, 0.4, 0.5):
        row(
            f"en reject_confirm_at {confirm}", chosen.with_language("en", reject_confirm_at=confirm)
        )
    # English approvals: where approval stops (the review thresholds), the
    # clauses' and the overall score's together; what is neither approved
    # nor rejected is held.
    for review_at in (0.5, 0.4, 0.3):
        for violation in (0.6, 0.5, 0.4, 0.3, 0.25, 0.2):
            row(
                f"en review_at {review_at}, violation_review_at {violation}",
                english(chosen, review_at, violation),
            )
    # Sorani and Kurmanji: how surely the dialect must be identified before a
    # clearly civil comment is approved.
    for confidence in (None, 0.5, 0.6, 0.7, 0.8, 0.9):
        kurdish = chosen
        for lang in ("ckb", "kmr"):
            kurdish = kurdish.with_language(lang, language_confidence_at=confidence)
        row(f"ckb, kmr language_confidence_at {confidence}", kurdish)
    # Disguised comments (evasion.py): the score from which one is held
    # rather than approved. Few plain dev rows are disguised, so this shows
    # what the bar costs in automation; bench/disguise_quality.py shows what
    # it buys.
    for bar in (None, 0.1, 0.2, 0.3):
        row(f"disguised_review_at {bar}", replace(chosen, disguised_review_at=bar))
    row(f"chosen ({chosen.label})", chosen)
    return 0


if __name__ == "__main__":
    sys.exit(main())
