"""`civility articles` (placeholder until its issue lands)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("articles", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: print("civility articles: not yet implemented") or 2)
