"""`civility train`: fit the shipped models from the labelled data folder."""

from __future__ import annotations

import time
from pathlib import Path

TIERS = ("linear", "transformer")


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train the learned models from the 'ship: yes' labelled sets",
        description=(
            "Train a classifier tier. --tier linear (the default) writes models/linear.{npz,json}; "
            "--tier transformer fine-tunes MiniLM's top layers with PyTorch in a separate "
            "Python 3.11 environment (.venv-train, created on first use), then calibrates "
            "in this one and writes models/transformer.{safetensors,json}."
        ),
    )
    parser.add_argument("--tier", choices=TIERS, default="linear", help="which tier to train")
    parser.add_argument(
        "--data",
        type=Path,
        default=None,
        help="data folder (default: $CIVILITY_DATA or ../shared/data)",
    )
    parser.add_argument(
        "--out", type=Path, default=None, help="output folder (default: the package's models/)"
    )
    parser.add_argument(
        "--seed", type=int, default=0, help="seed for the calibration fold and the solver"
    )
    parser.add_argument("--c", type=float, default=None, help="inverse regularisation (linear)")
    parser.add_argument("--date", default="", help="version date YYYY.MM.DD (default: today, UTC)")
    parser.add_argument(
        "--work",
        type=Path,
        default=None,
        help="transformer: folder for the fine-tuned weights before calibration (default: var/train)",
    )
    parser.add_argument(
        "--max-rows", type=int, default=0, help="transformer: train on a subsample (0: all)"
    )
    parser.add_argument(
        "--skip-finetune",
        action="store_true",
        help="transformer: only calibrate the weights already in --work",
    )
    parser.set_defaults(func=run)


def run(args) -> int:
    from civility.moderation.classifiers import MODELS_DIR
    from civility.training import datasets

    data = args.data or datasets.default_data_dir()
    if not data.is_dir():
        print(f"civility train: data folder {data} not found")
        return 2
    if args.tier == "transformer":
        return _transformer(args, data, args.out or MODELS_DIR)
    from civility.training.train import DEFAULT_C, TrainConfig, train

    config = TrainConfig(
        data=data,
        out=args.out or MODELS_DIR,
        seed=args.seed,
        c=args.c if args.c is not None else DEFAULT_C,
        date=args.date,
    )
    meta = train(config)
    print(meta["version"])
    return 0


def _transformer(args, data: Path, out: Path) -> int:
    from civility.training import trainenv
    from civility.training.transformer_fit import fit

    started = time.time()
    work = args.work or (trainenv.REPO / "var" / "train")
    if not args.skip_finetune:
        trainenv.run_module(
            "civility.training.transformer_train",
            [
                "--data",
                str(data),
                "--work",
                str(work),
                "--seed",
                str(args.seed),
                "--max-rows",
                str(args.max_rows),
            ],
        )
    meta = fit(data, work, out, seed=args.seed, date=args.date)
    minutes = (time.time() - started) / 60
    print(f"{meta['version']} (trained and calibrated in {minutes:.1f} min)")
    return 0
