"""Time the engine's text steps: normalise, identify_language, match_rules.

    .venv/bin/python bench/text_steps.py [--data DIR] [--n 4000]

Runs the three steps over real comments from the shared data (English,
Arabic and Turkish tweets, Sorani and Kurmanji news sentences; CIVILITY_DATA
or ../shared/data) and prints microseconds per comment, per step and in all,
measured as process CPU time (the best of three rounds). Run it on an idle
machine: other processes on the same cores inflate every figure.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from language_id import load  # noqa: E402

from civility.moderation.language import identify_language  # noqa: E402
from civility.moderation.normalise import normalise  # noqa: E402
from civility.moderation.rules import match_rules  # noqa: E402


def best_of(rounds: int, fn) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.process_time()
        fn()
        best = min(best, time.process_time() - started)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = os.environ.get("CIVILITY_DATA", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", default=default)
    parser.add_argument("--n", type=int, default=4000, help="comments per language")
    args = parser.parse_args()
    rows = load(Path(args.data))
    rng = random.Random(2016)
    by_lang: dict[str, list[str]] = {}
    for text, lang, _ in rows:
        by_lang.setdefault(lang, []).append(text)
    sample = [t for texts in by_lang.values() for t in rng.sample(texts, min(args.n, len(texts)))]
    rng.shuffle(sample)
    # Warm the caches (lexicon loading, the character table) first.
    for text in sample[:200]:
        match_rules(normalise(text), identify_language(text))
    normalised = [normalise(t) for t in sample]
    langs = [identify_language(t) for t in sample]
    n = len(sample)
    mean_chars = sum(map(len, sample)) / n
    t_norm = best_of(3, lambda: [normalise(t) for t in sample])
    t_lang = best_of(3, lambda: [identify_language(t) for t in sample])
    t_rules = best_of(
        3, lambda: [match_rules(m, lang) for m, lang in zip(normalised, langs, strict=True)]
    )
    t_all = best_of(3, lambda: [match_rules(normalise(t), identify_language(t)) for t in sample])
    print(f"{n} comments, {mean_chars:.0f} characters on average")
    for name, seconds in (
        ("normalise", t_norm),
        ("identify_language", t_lang),
        ("match_rules", t_rules),
        ("all three", t_all),
    ):
        print(f"{name:>18}: {seconds / n * 1e6:7.1f} us per comment")
    print(f"{'throughput':>18}: {n / t_all:7.0f} comments/s on one core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
