"""`civility evaluate` (placeholder until its issue lands)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("evaluate", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: print("civility evaluate: not yet implemented") or 2)
