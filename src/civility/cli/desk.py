"""The desk's commands: replay a draft policy, learn thresholds, export decisions.

civility policy replay NEW.toml [--since DATE] [--limit N]
civility policy learn [--since DATE]
civility decisions export OUT.jsonl [--since DATE]

A replay or a learned suggestion is stored as a draft with its preview;
nothing changes until an editor applies it in the admin (Policy drafts).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path


def _date(raw: str | None) -> dt.date | None:
    if not raw:
        return None
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise SystemExit(f"--since: give a date as YYYY-MM-DD, not {raw!r}") from None


def add_policy_actions(actions) -> None:
    """``replay`` and ``learn``, under ``civility policy`` (cli/policy.py)."""
    replay = actions.add_parser(
        "replay",
        help="what a draft policy would change over past comments (stores a draft; changes nothing)",
    )
    replay.add_argument("file", metavar="NEW.toml")
    replay.add_argument("--since", help="comments posted on or after YYYY-MM-DD")
    replay.add_argument("--limit", type=int, default=2000, help="the latest N comments (2000)")
    replay.set_defaults(func=replay_command)
    learn = actions.add_parser(
        "learn",
        help="suggest thresholds from the moderators' decisions (stores a draft; changes nothing)",
    )
    learn.add_argument("--since", help="decisions on comments posted on or after YYYY-MM-DD")
    learn.set_defaults(func=learn_command)


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "decisions", help="the moderators' decisions as labelled data (opt-in export)"
    )
    actions = parser.add_subparsers(dest="action", metavar="ACTION")
    export = actions.add_parser(
        "export",
        help="write the human decisions as labelled JSONL for `civility train --decisions`",
        description=(
            "Writes one line per comment a person approved or rejected: its text, language, "
            "the label (violation 1 for a rejection, 0 for an approval) and the clause. Never "
            "the e-mail address, the name or the IP address hash. Nothing is exported unless "
            "this command is run."
        ),
    )
    export.add_argument("out", type=Path, metavar="OUT.jsonl")
    export.add_argument("--since", help="comments posted on or after YYYY-MM-DD")
    export.set_defaults(func=export_command)
    parser.set_defaults(func=lambda args: parser.print_help() or 2)


def _setup() -> None:
    from .django_env import setup_migrated

    if not setup_migrated():
        raise SystemExit(1)


def _print_replay(found) -> None:
    print(
        f"replayed {found.comments} comments: {found.changed} would be decided differently\n"
        f"models: {found.model_version or 'none'}; in force: {found.policy_before}; "
        f"draft: {found.policy_after}"
    )
    for clause, changes in sorted(found.counts.items()):
        for change, count in sorted(changes.items()):
            examples = ", ".join(f"#{pk}" for pk in found.examples.get(clause, {}).get(change, []))
            print(f"  {clause:<18} {change:<18} {count:>6}   e.g. {examples}")
    print(
        f"draft {found.draft_id} stored; nothing changes until an editor applies it "
        "(admin: Policy drafts)."
    )


def replay_command(args) -> int:
    _setup()
    from civility.errors import CivilityError
    from civility.guidelines import drafts
    from civility.moderators import replay

    try:
        source = Path(args.file).read_text(encoding="utf-8")
        draft = drafts.create_draft(name=Path(args.file).name, source=source)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"{args.file}: {exc}", file=sys.stderr)
        return 1
    except CivilityError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    _print_replay(replay.run_replay(draft, since=_date(args.since), limit=args.limit))
    return 0


def learn_command(args) -> int:
    _setup()
    from civility.errors import CivilityError
    from civility.moderators import replay

    try:
        draft = replay.suggest_draft(since=_date(args.since))
    except CivilityError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    table = draft.suggestion
    print(f"learned from {table['decided']} decisions: {table['describe']}")
    print(
        f"{'guideline':<18} {'decided':>8} {'held':>6} {'approved':>9} {'rejected':>9} {'breaches':>9} {'civil rej.':>10}"
    )
    for row in table["rows"]:
        print(
            f"{row['clause']:<18} {row['decided']:>8} {row.get('held_after', 0):>6} "
            f"{row.get('approved_after', 0):>9} {row.get('rejected_after', 0):>9} "
            f"{row.get('breaches_published', 0):>9} {row.get('civil_rejected', 0):>10}"
        )
    _print_replay(replay.run_replay(draft))
    return 0


def export_command(args) -> int:
    _setup()
    from civility.moderators import replay

    comments = replay.human_decisions(_date(args.since), limit=0)
    with args.out.open("w", encoding="utf-8") as out:
        for comment in comments:
            rejected = comment.person == "rejected"
            latest = (
                comment.decisions.filter(actor__isnull=False).order_by("-created_at", "-id").first()
            )
            out.write(
                json.dumps(
                    {
                        "text": comment.text,
                        "lang": comment.language,
                        "dataset": "site-decisions",
                        "split": "train",
                        "labels": {"violation": int(rejected)},
                        "clause_id": latest.clause_id if latest else "",
                        "decided_at": latest.created_at.isoformat() if latest else "",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    print(f"wrote {len(comments)} decisions to {args.out} (no e-mail, name or address)")
    return 0
