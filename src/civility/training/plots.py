"""PNG plots of an evaluation: ROC and precision-recall per category, and the
automation curve (how much can be decided without a human, at what error).

matplotlib is an optional dependency (the ``evaluate`` extra); it is imported
here only, with the non-interactive Agg backend so it works on servers.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.metrics import precision_recall_curve, roc_auc_score, roc_curve

from civility.moderation.categories import CATEGORIES

from .evaluate import Scored

# Which sets to pool for the automation curve, per language.
AUTOMATION_GROUPS = {
    "English (olid, hatexplain, jigsaw, davidson, stormfront, c3)": (
        "olid",
        "hatexplain",
        "jigsaw",
        "davidson",
        "stormfront",
        "c3",
    ),
    "Turkish (offenseval2020-tr)": ("offenseval2020-tr",),
    "Arabic (osact2020-ar)": ("osact2020-ar",),
}


def _pooled(scored: dict[str, Scored], category: str, names=None):
    ys, ss = [], []
    for name, sc in scored.items():
        if names is not None and name not in names:
            continue
        keep = np.array([category in r.labels for r in sc.rows], dtype=bool)
        if not keep.any():
            continue
        ys.append(np.array([r.labels[category] for r, k in zip(sc.rows, keep, strict=True) if k]))
        ss.append(sc.scores[category][keep])
    if not ys:
        return None, None
    return np.concatenate(ys), np.concatenate(ss)


def _grid(plt, title: str):
    fig, axes = plt.subplots(3, 4, figsize=(16, 12))
    fig.suptitle(title)
    return fig, axes.ravel()


def plot_curves(scored: dict[str, Scored], out: Path) -> list[Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    out.mkdir(parents=True, exist_ok=True)
    roc_fig, roc_axes = _grid(plt, "ROC per category (all dev splits that label it, pooled)")
    pr_fig, pr_axes = _grid(plt, "Precision-recall per category (dev splits, pooled)")
    for i, category in enumerate(CATEGORIES):
        y, s = _pooled(scored, category)
        for ax in (roc_axes[i], pr_axes[i]):
            ax.set_title(category)
        if y is None or len(set(y.tolist())) < 2:
            roc_axes[i].text(0.5, 0.5, "no labelled dev rows", ha="center")
            pr_axes[i].text(0.5, 0.5, "no labelled dev rows", ha="center")
            continue
        fpr, tpr, _ = roc_curve(y, s)
        auc = roc_auc_score(y, s)
        roc_axes[i].plot(fpr, tpr, label=f"AUC {auc:.3f} (n={len(y)}, pos={int(y.sum())})")
        roc_axes[i].plot([0, 1], [0, 1], "k:", linewidth=0.5)
        roc_axes[i].set_xlabel("false positive rate")
        roc_axes[i].set_ylabel("true positive rate")
        roc_axes[i].legend(loc="lower right", fontsize=8)
        precision, recall, _ = precision_recall_curve(y, s)
        pr_axes[i].plot(recall, precision, label=f"base rate {y.mean():.2f}")
        pr_axes[i].set_xlabel("recall")
        pr_axes[i].set_ylabel("precision")
        pr_axes[i].legend(loc="lower left", fontsize=8)
    for axes in (roc_axes, pr_axes):
        axes[-1].axis("off")
    paths = [out / "roc.png", out / "precision_recall.png"]
    for fig, path in zip((roc_fig, pr_fig), paths, strict=True):
        fig.tight_layout()
        fig.savefig(path, dpi=80)
        plt.close(fig)
    paths.append(plot_automation(scored, out / "automation.png", plt))
    return paths


def automation_frontier(y: np.ndarray, s: np.ndarray, steps: int = 60):
    """For review bands [lo, hi) over the violation score (approve below lo,
    reject at or above hi, hold in between), the lowest error rate of the
    automatic decisions reachable at each share of automatic decisions."""
    cuts = np.unique(np.quantile(s, np.linspace(0, 1, steps + 1)))
    cuts = np.concatenate((cuts, [np.inf]))
    points = []
    for a, lo in enumerate(cuts):
        for hi in cuts[a:]:
            approved = s < lo
            rejected = s >= hi
            automated = approved | rejected
            if not automated.any():
                continue
            wrong = (approved & (y == 1)) | (rejected & (y == 0))
            points.append((automated.mean(), wrong.sum() / automated.sum()))
    points.sort(key=lambda p: (-p[0], p[1]))
    frontier, best = [], np.inf
    for share, err in points:
        if err < best:
            frontier.append((share, err))
            best = err
    return np.array(sorted(frontier))


def plot_automation(scored: dict[str, Scored], path: Path, plt) -> Path:
    fig, ax = plt.subplots(figsize=(8, 6))
    for label, names in AUTOMATION_GROUPS.items():
        y, s = _pooled(scored, "violation", names)
        if y is None:
            continue
        curve = automation_frontier(y, s)
        (line,) = ax.plot(curve[:, 0], curve[:, 1], label=label)
        # The shipped policy's own operating point on the same rows.
        decided, wrong, total = 0, 0, 0
        for name in names:
            sc = scored.get(name)
            if sc is None:
                continue
            for r, d in zip(sc.rows, sc.decisions, strict=True):
                if "violation" not in r.labels:
                    continue
                total += 1
                if d != "review":
                    decided += 1
                    wrong += (d == "reject") != bool(r.labels["violation"])
        if decided:
            ax.plot(decided / total, wrong / decided, "o", color=line.get_color())
    ax.set_xlabel("share of comments decided without a human")
    ax.set_ylabel("share of those automatic decisions that are wrong")
    ax.set_title(
        "Automation vs error, best review band on the violation score\n(dots: shipped policy)"
    )
    ax.grid(True, linewidth=0.3)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=80)
    plt.close(fig)
    return path
