"""A simulated newsroom: does learning the moderators' own line save them work?

    .venv/bin/python bench/newsroom.py [--data DIR] [--cache FILE] [--rescore]
                                       [--every 500] [--seed 0] [--civil-budget 0.01]
                                       [--plot FILE.png]

The stream. Every labelled dev row (both halves) of the sets in SETS, in one
seeded random order, is posted as a comment: English news comments (C3),
tweets (OLID, HateXplain), Wikipedia talk (Jigsaw), Gab posts, chatbot abuse
(ConvAbuse), Turkish and Arabic tweets. The engine runs once over all of them
(``civility.training.evidence.gather``, cached in --cache); every policy below
is then applied to that evidence with the policy module's own rule.

The newsroom. Each comment is decided by the policy in force: approved and
rejected comments go straight through; a held one waits for the simulated
moderator, who decides it by its label (a breach is rejected, the rest
approved). Every --every human decisions, the learning step
(``civility.training.learn_line.suggest``, the same function the admin's
"suggest thresholds" runs) reads every human decision so far and the
suggestion becomes the policy in force, as an editor would apply it.

What it prints, per block of --every decisions: the comments posted, the
share held (moderator workload), breaches published (approved
automatically), civil comments rejected automatically, for the learning
newsroom and for the default policy over the very same comments; then the
figures after 2,000 human decisions against the target (>= 20% fewer holds,
no more breaches published than the default policy). --plot draws the held
share per block, learning against default (docs/img/newsroom.png, shown in
docs/newsroom.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from civility.moderation.policy import load_policy  # noqa: E402
from civility.training import evidence as ev  # noqa: E402
from civility.training import learn_line  # noqa: E402

SETS = (
    "c3",
    "olid",
    "hatexplain",
    "jigsaw",
    "gab",
    "convabuse",
    "offenseval2020-tr",
    "osact2020-ar",
)
TARGET_DECISIONS = 2000


def gather_stream(data: Path, cache: Path, rescore: bool):
    """(evidence, label, set) for every labelled dev row, cached."""
    if cache.exists() and not rescore:
        gathered, extra = ev.load(cache)
        return gathered, extra["label"], extra["dataset"]
    from civility.training.evaluate import dev_rows

    policy = load_policy()
    texts, labels, names = [], [], []
    for name in SETS:
        for row in dev_rows(name, data, part="all"):
            label = row.labels.get("violation", -1)
            if label in (0, 1):
                texts.append(row.text)
                labels.append(label)
                names.append(name)
    started = time.time()
    print(f"# scoring {len(texts)} rows with the whole engine...", file=sys.stderr)
    gathered = ev.gather(texts, policy=policy, langs=None)
    print(f"# scored in {time.time() - started:.0f}s", file=sys.stderr)
    ev.save(cache, gathered, label=np.array(labels), dataset=np.array(names))
    return gathered, np.array(labels), np.array(names)


def simulate(gathered, labels, *, every: int, seed: int, civil_budget: float):
    order = list(range(len(gathered)))
    random.Random(seed).shuffle(order)
    default = load_policy()
    policy = default
    decided: list[learn_line.Decided] = []
    blocks = []
    block = {
        "posted": 0,
        "held": 0,
        "held_default": 0,
        "breach_pub": 0,
        "breach_pub_default": 0,
        "civil_rej": 0,
        "civil_rej_default": 0,
        "human": 0,
    }
    after = {k: 0 for k in block}
    learned_at = []
    for i in order:
        g, label = gathered[i], int(labels[i])
        got = str(ev.decide(policy, g))
        base = str(ev.decide(default, g))
        counts = [block]
        if len(decided) >= TARGET_DECISIONS:
            counts.append(after)
        for c in counts:
            c["posted"] += 1
            c["held"] += got == "review"
            c["held_default"] += base == "review"
            c["breach_pub"] += got == "approve" and label == 1
            c["breach_pub_default"] += base == "approve" and label == 1
            c["civil_rej"] += got == "reject" and label == 0
            c["civil_rej_default"] += base == "reject" and label == 0
        if got == "review":
            decided.append(learn_line.Decided(g, rejected=bool(label)))
            block["human"] += 1
            if len(decided) % every == 0:
                started = time.time()
                suggestion = learn_line.suggest(default, decided, max_civil_rejected=civil_budget)
                print(
                    f"# learned from {len(decided)} decisions in {time.time() - started:.0f}s: "
                    f"{suggestion.describe()}",
                    file=sys.stderr,
                )
                policy = suggestion.apply(default)
                learned_at.append((len(decided), suggestion))
                blocks.append(block)
                block = {k: 0 for k in block}
    blocks.append(block)
    return blocks, after, learned_at


def plot(blocks, path: Path, *, civil_budget: float) -> None:
    """The held share of each block, learning against default, by human decisions."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ends = np.cumsum([b["human"] for b in blocks])
    share = [100 * b["held"] / b["posted"] for b in blocks]
    share_default = [100 * b["held_default"] / b["posted"] for b in blocks]
    fig, ax = plt.subplots(figsize=(7, 3.6), dpi=100)
    ax.plot(ends, share_default, marker="o", label="default policy")
    ax.plot(ends, share, marker="o", label=f"learning (civil budget {civil_budget:g})")
    ax.axvline(TARGET_DECISIONS, color="grey", linestyle=":", linewidth=1)
    ax.set_xlabel("human decisions so far (end of each block)")
    ax.set_ylabel("comments held (%)")
    ax.set_ylim(0, max(share_default) * 1.2)
    ax.set_title("Moderator workload in the simulated newsroom")
    ax.legend(loc="lower left")
    fig.tight_layout()
    fig.savefig(path)
    print(f"# curve drawn in {path}", file=sys.stderr)


def pct(n, d) -> str:
    return f"{100 * n / d:5.1f}%" if d else "   – "


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--cache", type=Path, default=Path("/tmp/civility-newsroom.npz"))
    parser.add_argument("--rescore", action="store_true")
    parser.add_argument("--every", type=int, default=500)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--gather-only", action="store_true")
    parser.add_argument("--plot", type=Path, default=None, help="draw the curve into this PNG")
    parser.add_argument(
        "--civil-budget",
        type=float,
        default=0.01,
        help="share of the comments moderators approved that the learning step may "
        "turn into automatic rejections (default 0.01)",
    )
    args = parser.parse_args(argv)
    from civility.training.records import default_data_dir

    gathered, labels, names = gather_stream(
        args.data or default_data_dir(), args.cache, args.rescore
    )
    if args.gather_only:
        return 0
    sets = ", ".join(f"{n} {int((names == n).sum())}" for n in SETS)
    print(f"stream: {len(gathered)} comments ({sets}); breaches {int(labels.sum())}")
    blocks, after, learned = simulate(
        gathered, labels, every=args.every, seed=args.seed, civil_budget=args.civil_budget
    )
    print()
    print(
        "| human decisions | posted | held: learning / default | breaches published: learning / default | civil rejected: learning / default |"
    )
    print("|---|---|---|---|---|")
    total = 0
    for b in blocks:
        total += b["human"]
        print(
            f"| {total:>5} | {b['posted']:>6} | {pct(b['held'], b['posted'])} / {pct(b['held_default'], b['posted'])}"
            f" | {b['breach_pub']} / {b['breach_pub_default']} | {b['civil_rej']} / {b['civil_rej_default']} |"
        )
    if args.plot:
        plot(blocks, args.plot, civil_budget=args.civil_budget)
    print()
    for n, suggestion in learned:
        print(f"after {n} decisions the learning step suggests: {suggestion.describe()}")
    print()
    if after["posted"]:
        fewer = 1 - after["held"] / after["held_default"] if after["held_default"] else 0.0
        print(
            f"after {TARGET_DECISIONS} human decisions ({after['posted']} comments posted): "
            f"held {after['held']} vs {after['held_default']} with the default policy "
            f"({100 * fewer:.1f}% fewer; target >= 20%: {'met' if fewer >= 0.2 else 'NOT met'}); "
            f"breaches published {after['breach_pub']} vs {after['breach_pub_default']} "
            f"(target: no more: {'met' if after['breach_pub'] <= after['breach_pub_default'] else 'NOT met'}); "
            f"civil rejected {after['civil_rej']} vs {after['civil_rej_default']}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
