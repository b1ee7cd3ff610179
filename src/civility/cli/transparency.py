"""civility transparency --from DATE --to DATE [--format text|json|csv|sor] [--out FILE]

The transparency report of the EU Digital Services Act (docs/law.md), for
decisions made from --from to --to inclusive (UTC days): text or JSON counts,
or one statement of reasons per restricting decision and sanction as CSV or
as the EU database's JSON (``sor``). The desk's Transparency page shows the
same (civility/law/transparency.py).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path


def _day(raw: str, flag: str) -> dt.date:
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise SystemExit(f"{flag}: give a date as YYYY-MM-DD, not {raw!r}") from None


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "transparency",
        help="the DSA transparency report and statements of reasons for a period",
        description=(
            "Counts of decisions by clause, automated and by a person, the median time to "
            "decide, notices and their outcomes, appeals and reversals, sanctions; or one "
            "statement of reasons per decision in the EU database's fields (no names, "
            "addresses or comment texts)."
        ),
    )
    parser.add_argument("--from", dest="start", required=True, help="first day, YYYY-MM-DD")
    parser.add_argument("--to", dest="end", required=True, help="last day, YYYY-MM-DD (included)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv", "sor"),
        default="text",
        help="text or json: the counts; csv or sor: the statements of reasons (default text)",
    )
    parser.add_argument("--out", type=Path, help="write here instead of standard output")
    parser.set_defaults(func=command)


def command(args) -> int:
    first, last = _day(args.start, "--from"), _day(args.end, "--to")
    if last < first:
        raise SystemExit("--to is before --from")
    from .django_env import setup_migrated

    if not setup_migrated():
        return 1
    from civility.law import transparency

    start = dt.datetime.combine(first, dt.time.min, tzinfo=dt.UTC)
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=dt.UTC)
    if args.format == "csv":
        body = transparency.sor_csv(transparency.sor_rows(start, end))
    elif args.format == "sor":
        body = json.dumps(transparency.sor_rows(start, end), ensure_ascii=False, indent=1) + "\n"
    elif args.format == "json":
        body = json.dumps(transparency.report(start, end), indent=1) + "\n"
    else:
        body = _text(transparency.report(start, end))
    if args.out:
        args.out.write_text(body, encoding="utf-8")
    else:
        sys.stdout.write(body)
    return 0


def _text(report: dict) -> str:
    d, n, a, s = report["decisions"], report["notices"], report["appeals"], report["sanctions"]
    lines = [
        f"transparency report {report['from']} .. {report['to']}",
        f"decisions: {d['total']}, restricting {d['restricting']} "
        f"(automated {d['automated']}, by a person {d['by_person']})",
        f"median seconds from posting to a person's decision: "
        f"{d['median_seconds_to_person_decision']}",
        "restricting decisions by clause:",
        *(f"  {clause}: {count}" for clause, count in d["by_clause"].items()),
        f"notices: received {n['received']}, open {n['open']}, "
        + ", ".join(f"{k} {v}" for k, v in n["outcomes"].items())
        + f"; median seconds to decide {n['median_seconds_to_decision']}",
        f"appeals: received {a['received']}, open {a['open']}, reversed {a['reversed']}, "
        f"confirmed {a['confirmed']}",
        f"sanctions: imposed {s['imposed']} ("
        + ", ".join(f"{k} {v}" for k, v in s["by_kind"].items())
        + f"), lifted {s['lifted']}",
    ]
    return "\n".join(lines) + "\n"
