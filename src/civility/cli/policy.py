"""`civility policy`: check a policy file, or show the clauses of one.

civility policy check my_policy.toml   # "OK: 8 clauses", or every problem (exit 1)
civility policy show [my_policy.toml]  # the clauses and language limits in use
civility policy default                # print the shipped default, to copy and edit
civility policy replay NEW.toml         # what it would change over past comments (cli/desk.py)
civility policy learn                   # thresholds suggested from the moderators' decisions
"""

from __future__ import annotations

import sys


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "policy",
        help="check or show a moderation policy file",
        description="Check or show a moderation policy (TOML). See docs/policy.md.",
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    check = actions.add_parser("check", help="check a policy file; exit 1 listing every problem")
    check.add_argument("file", metavar="FILE")
    check.set_defaults(func=check_command)
    show = actions.add_parser("show", help="list the clauses of a policy (default: shipped)")
    show.add_argument("file", metavar="FILE", nargs="?")
    show.set_defaults(func=show_command)
    default = actions.add_parser("default", help="print the shipped default policy file")
    default.set_defaults(func=default_command)
    from . import desk  # replay and learn need the site's database: cli/desk.py

    desk.add_policy_actions(actions)
    parser.set_defaults(func=lambda args: parser.print_help() or 2)


def check_command(args) -> int:
    from civility.moderation import PolicyError, load_policy

    try:
        policy = load_policy(args.file)
    except PolicyError as exc:
        print(f"{args.file}: {len(exc.problems)} problem(s)", file=sys.stderr)
        for problem in exc.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"OK: {len(policy.clauses)} clauses")
    return 0


def show_command(args) -> int:
    from civility.moderation import PolicyError, load_policy

    try:
        policy = load_policy(args.file)
    except PolicyError as exc:
        print(str(exc), file=sys.stderr)
        return 1

    def fmt(value):
        return "none" if value is None else f"{value:g}"

    print(f"policy {policy.label}")
    for clause in policy.clauses:
        print(f"\n[{clause.id}] {clause.kind}: {clause.text}")
        print(f"  categories: {', '.join(clause.categories) or '-'}")
        print(f"  reject_at {fmt(clause.reject_at)}, review_at {fmt(clause.review_at)}")
        print(f"  message: {clause.message}")
    print(
        f"\nviolation_review_at {fmt(policy.violation_review_at)}, "
        f"violation_reject_at {fmt(policy.violation_reject_at)}, "
        f"language_confidence_at {fmt(policy.language_confidence_at)}, "
        f"disguised_review_at {fmt(policy.disguised_review_at)}"
    )
    modes = ", ".join(f"{lang} {mode}" for lang, mode in policy.languages.items())
    print(f"languages: {modes} (others: review)")
    for lang, rules in policy.language_rules.items():
        # Only what differs from the values above, as the file states it.
        changed = [f"{k} {fmt(v)}" for k, v in rules.items() if k != "thresholds"]
        for clause_id, change in rules.get("thresholds", {}).items():
            changed += [f"{clause_id}.{k} {fmt(v)}" for k, v in change.items()]
        if changed:
            print(f"  {lang}: {', '.join(changed)}")
    return 0


def default_command(args) -> int:
    from importlib import resources

    text = resources.files("civility.moderation").joinpath("default_policy.toml").read_text("utf-8")
    sys.stdout.write(text)
    return 0
