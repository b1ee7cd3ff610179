"""`civility serve` (placeholder until its issue lands)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("serve", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: print("civility serve: not yet implemented") or 2)
