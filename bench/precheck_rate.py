"""How often the pre-submit warning would fire, per dev set and label.

    .venv/bin/python bench/precheck_rate.py [--data /work/shared/data] [--n 400]

Run by hand (it takes minutes). For each dev set and each side of its label
(offensive or not, constructive or toxic, spam or not ...) it draws up to
``--n`` comments with a fixed seed, runs the shipped engine on each exactly
as ``POST /api/articles/{slug}/precheck`` does (the default policy, the
comment's language, no article: relevance is never a warning), and counts
the comments that would get at least one warning
(``civility.posting.warnings.warnings_of``). A warning on a civil comment
is a reader interrupted for nothing; no warning on an offensive one is a
reader not told before posting (the post is still moderated).

Prints a Markdown table; docs/reader-feedback.md keeps the last figures.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SEED = 0

# (set, group name, which rows): each set's own labels, split into the side
# that should pass quietly and the side a warning is for.
GROUPS: list[tuple[str, str, Callable]] = [
    ("c3", "constructive, not toxic", lambda ex: ex.extra.get("welcome") is True),
    ("c3", "toxic (crowd ≥ 2.5)", lambda ex: ex.labels.get("violation") == 1),
    ("olid", "not offensive", lambda ex: ex.labels.get("violation") == 0),
    ("olid", "offensive", lambda ex: ex.labels.get("violation") == 1),
    ("kaggle-insults", "not an insult", lambda ex: ex.labels.get("personal_attack") == 0),
    ("kaggle-insults", "insult", lambda ex: ex.labels.get("personal_attack") == 1),
    ("jigsaw", "clean", lambda ex: ex.labels.get("violation") == 0),
    ("jigsaw", "toxic", lambda ex: ex.labels.get("violation") == 1),
    ("youtube-spam", "not spam", lambda ex: ex.labels.get("promotion") == 0),
    ("youtube-spam", "spam", lambda ex: ex.labels.get("promotion") == 1),
    ("osact2020-ar", "not offensive", lambda ex: ex.labels.get("violation") == 0),
    ("osact2020-ar", "offensive", lambda ex: ex.labels.get("violation") == 1),
    ("offenseval2020-tr", "not offensive", lambda ex: ex.labels.get("violation") == 0),
    ("offenseval2020-tr", "offensive", lambda ex: ex.labels.get("violation") == 1),
]


def setup_django() -> None:
    # warnings_of translates the clause messages: Django's settings must be
    # loaded; a throw-away data folder keeps the run from touching the repo.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "civility.web.settings")
    os.environ.setdefault("CIVILITY_DATA_DIR", tempfile.mkdtemp(prefix="civility-bench-"))
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=None, help="labelled data folder")
    parser.add_argument("--n", type=int, default=400, help="comments per set and label")
    parser.add_argument("--sets", nargs="*", default=None, help="only these sets")
    args = parser.parse_args(argv)

    from civility.training.datasets import load
    from civility.training.records import default_data_dir

    root = args.data or default_data_dir()
    if not root.is_dir():
        print(f"no labelled data at {root} (pass --data or set CIVILITY_DATA)", file=sys.stderr)
        return 2
    setup_django()
    from civility.moderation import get_engine
    from civility.posting.warnings import warnings_of

    engine = get_engine()
    rng = random.Random(SEED)
    loaded: dict[str, list] = {}
    print("| set | label | comments | warned | share | most cited clause |")
    print("|---|---|---:|---:|---:|---|")
    started = time.perf_counter()
    total = 0
    for name, group, keep in GROUPS:
        if args.sets and name not in args.sets:
            continue
        if name not in loaded:
            loaded[name] = [ex for ex in load(name, root) if ex.split == "dev"]
        rows = [ex for ex in loaded[name] if keep(ex)]
        rows = rng.sample(rows, min(args.n, len(rows)))
        warned, cited = 0, {}
        for ex in rows:
            warnings = warnings_of(engine.moderate(ex.text, lang=ex.lang), ex.text)
            if warnings:
                warned += 1
                for warning in warnings:
                    cited[warning.clause_id] = cited.get(warning.clause_id, 0) + 1
        total += len(rows)
        top = max(cited, key=cited.get) if cited else "–"
        share = warned / len(rows) if rows else 0.0
        print(f"| {name} | {group} | {len(rows)} | {warned} | {share:.1%} | {top} |", flush=True)
    seconds = time.perf_counter() - started
    print(f"\n{total} comments in {seconds:.0f} s ({total / max(seconds, 1e-9):.0f}/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
