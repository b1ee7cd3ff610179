"""Every civil Kurdish sentence we have, through the whole engine.

    .venv/bin/python bench/kurdish_civil.py [--data DIR] [--top 5]

The Sorani and Kurmanji lexicons and threat grammars have no labelled
Kurdish offensive set to be checked against, so this checks the other half:
that ordinary Kurdish is left alone. It reads every line of the Kurdish news
parallel corpus (Sorani and Kurmanji, both pairings) and every post of the
FakeKurdNews "real" file (Sorani news pages), moderates each with no article
and no language hint, and prints per source the share rejected (target
0.5% at most), held and approved, and then, for each rule family (a rule
name without its last part: ``lexicon:ckb:personal_attack``,
``threat:kmr:call``, ``link``...), how many sentences it touched and the
words or rules that touched them most, so that a lexicon entry that
catches ordinary words shows itself.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

from civility.moderation import Context, Decision, get_engine  # noqa: E402

PARALLEL = "kurdish_news_parallel_interdialect"
SOURCES = (
    ("ckb", PARALLEL, "CKB-KMR_ckb_no_tag.txt"),
    ("ckb", PARALLEL, "CKB-ENG.CKB_no_tag.txt"),
    ("kmr", PARALLEL, "CKB-KMR_kmr_no_tag.txt"),
    ("kmr", PARALLEL, "KMR-ENG.KMR_no_tag.txt"),
    ("ckb", "kurdish_news_posts_fakekurdnews_real", "real-5000.csv"),
)


def sentences(data: Path, folder: str, name: str) -> list[str]:
    path = data / folder / name
    if name.endswith(".csv"):
        with open(path, encoding="utf-8", newline="") as handle:
            return [row["text"].strip() for row in csv.DictReader(handle) if row["text"].strip()]
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def family(rule: str) -> str:
    parts = rule.split(":")
    return ":".join(parts[:-1]) if len(parts) > 1 else rule


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--top", type=int, default=5, help="words shown per rule family")
    args = parser.parse_args(argv)
    engine = get_engine()
    now = datetime(2026, 1, 1, tzinfo=UTC)
    touched: Counter[str] = Counter()
    words: dict[str, Counter[str]] = defaultdict(Counter)
    total = Counter()
    rejected_examples: list[str] = []
    print(f"{'source':38} {'sentences':>9} {'rejected':>16} {'held':>16} {'approved':>16}")
    started = time.perf_counter()
    for lang, folder, name in SOURCES:
        texts = sentences(args.data, folder, name)
        decisions = Counter()
        for i in range(0, len(texts), 500):
            batch = texts[i : i + 500]
            contexts = [Context(text=t, now=now) for t in batch]
            for text, ctx in zip(batch, engine.moderate_batch(contexts), strict=True):
                decisions[ctx.decision] += 1
                if ctx.decision is Decision.REJECT and len(rejected_examples) < 10:
                    rejected_examples.append(f"{lang}: {text[:120]}")
        # The rules again, per sentence, for the families (the verdict does not
        # carry the hits).
        from civility.moderation.language import identify_language
        from civility.moderation.normalise import normalise
        from civility.moderation.rules import match_rules

        for text in texts:
            norm = normalise(text)
            hits = match_rules(norm, identify_language(text))
            for fam in {family(h.rule) for h in hits}:
                touched[fam] += 1
            for h in hits:
                words[family(h.rule)][h.rule.rsplit(":", 1)[-1]] += 1
        n = len(texts)
        total.update(decisions)
        total["n"] += n

        def cell(d: Decision, counts=decisions, n=n) -> str:
            return f"{counts[d]:6d} {counts[d] / n:8.2%}"

        print(
            f"{lang + ' ' + name:38} {n:9d} {cell(Decision.REJECT):>16} {cell(Decision.REVIEW):>16}"
            f" {cell(Decision.APPROVE):>16}"
        )
    n = total["n"]
    print(
        f"{'all':38} {n:9d} {total[Decision.REJECT]:6d} {total[Decision.REJECT] / n:8.2%}"
        f" {total[Decision.REVIEW]:6d} {total[Decision.REVIEW] / n:8.2%}"
        f" {total[Decision.APPROVE]:6d} {total[Decision.APPROVE] / n:8.2%}"
    )
    print(f"({time.perf_counter() - started:.0f}s)")
    for example in rejected_examples:
        print("  rejected:", example)
    print("\nRule families: sentences touched (of all), and what touched them most")
    for fam, count in touched.most_common():
        top = ", ".join(f"{w} {c}" for w, c in words[fam].most_common(args.top))
        print(f"  {count:6d} {count / n:7.2%}  {fam:34} {top}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
