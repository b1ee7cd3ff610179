"""`civility train` (placeholder until its issue lands)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("train", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: print("civility train: not yet implemented") or 2)
