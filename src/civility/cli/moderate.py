"""`civility moderate` (placeholder until its issue lands)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("moderate", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: print("civility moderate: not yet implemented") or 2)
