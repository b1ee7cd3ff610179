"""`civility policy` (placeholder until its issue lands)."""


def register(subparsers) -> None:
    parser = subparsers.add_parser("policy", help="(not yet implemented)")
    parser.set_defaults(func=lambda args: print("civility policy: not yet implemented") or 2)
