"""`civility train`: fit the shipped models from the labelled data folder."""

from __future__ import annotations

from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "train",
        help="train the learned models from the 'ship: yes' labelled sets",
        description="Train the per-category linear models and write models/linear.{npz,json}.",
    )
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
    parser.add_argument("--c", type=float, default=None, help="inverse regularisation strength")
    parser.add_argument("--date", default="", help="version date YYYY.MM.DD (default: today, UTC)")
    parser.set_defaults(func=run)


def run(args) -> int:
    from civility.moderation.classifiers import MODELS_DIR
    from civility.training import datasets
    from civility.training.train import DEFAULT_C, TrainConfig, train

    data = args.data or datasets.default_data_dir()
    if not data.is_dir():
        print(f"civility train: data folder {data} not found")
        return 2
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
