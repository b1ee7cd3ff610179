"""`civility demo` (placeholder until its issue lands)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("demo", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: print("civility demo: not yet implemented") or 2)
