"""`civility evaluate`: measure the shipped engine on the dev splits."""

from __future__ import annotations

import json
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="measure the engine on the dev splits of the labelled data",
        description=(
            "Run every dev-split comment through the full engine and print, per target of "
            "the quality issues, the metric, its value and the target."
        ),
    )
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: $CIVILITY_DATA or ../shared/data)",
    )
    parser.add_argument(
        "--plots",
        type=Path,
        default=None,
        help="write ROC, precision-recall and automation PNGs here",
    )
    parser.add_argument(
        "--models-only",
        action="store_true",
        help="score with the models alone (no rules, no policy)",
    )
    parser.add_argument(
        "--part",
        choices=("check", "tune", "all"),
        default="check",
        help=(
            "which half of each dev split to read (default: check, the half no "
            "threshold was chosen on; docs/evaluation.md)"
        ),
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the results as JSON")
    parser.add_argument(
        "--tier",
        choices=("cascade", "linear", "transformer"),
        default="cascade",
        help="classifier tiers: the cascade (default), the linear tier alone, or the "
        "transformer on every English comment",
    )
    parser.add_argument(
        "--peers-python",
        default=None,
        help="python of the peers' environment (bench/requirements.txt; default: "
        "$CIVILITY_PEERS_PYTHON or ../peers/bin/python)",
    )
    parser.add_argument("--no-peers", action="store_true", help="do not run the peers")
    parser.add_argument(
        "--peer-rows", type=int, default=600, help="dev rows per set the peers read (seeded sample)"
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    import sys

    from civility.training import datasets
    from civility.training.evaluate import evaluate, format_harm_table, format_table

    data = args.data or datasets.default_data_dir()
    if not data.is_dir():
        print(f"civility evaluate: data folder {data} not found")
        return 2
    log = lambda m: print(m, file=sys.stderr)  # noqa: E731
    results, scored = evaluate(
        data, models_only=args.models_only, log=log, part=args.part, mode=args.tier
    )
    print(f"Dev rows read: the {args.part} half." if args.part != "all" else "All dev rows.")
    print(f"Classifier tiers: {args.tier}.")
    print()
    print(format_table(results))
    print()
    print("What the decisions publish (breaches: rows labelled as breaking a guideline):")
    print()
    print(format_harm_table(scored))
    if not args.no_peers:
        from civility.training import peers
        from civility.training.evaluate import TARGETS
        from civility.training.evaluate_peers import peer_table

        python = args.peers_python or peers.default_python()
        print()
        if python is None:
            print("Peers: not run (no peers environment; see bench/requirements.txt).")
        else:
            print(f"Peers on the same dev rows (at most {args.peer_rows} per set, seeded):")
            print()
            print(peer_table(scored, TARGETS, python, args.peer_rows, log))
    if args.json:
        rows = [
            {
                "dataset": r.target.dataset,
                "label": r.target.label,
                "metric": r.target.metric,
                "value": r.value,
                "target": r.target.target,
                "met": r.met,
                "n": r.n,
            }
            for r in results
        ]
        args.json.write_text(json.dumps(rows, indent=2) + "\n")
    if args.plots:
        from civility.training.plots import plot_curves

        for path in plot_curves(scored, args.plots):
            print(f"wrote {path}", file=sys.stderr)
    return 0
