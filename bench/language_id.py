"""Accuracy and confusion matrix of language identification on the shared data.

    .venv/bin/python bench/language_id.py [--data DIR] [--min-words N] [--hint LANG]

Sources (all under CIVILITY_DATA, default ../shared/data from the repo root):
  ckb, kmr, en  kurdish_news_parallel_interdialect (news sentences)
  en            olid (English tweets)
  ar            osact2020_arabic_offensive (Arabic tweets, train + dev)
  tr            offenseval2020_turkish (Turkish tweets)

By default every text with at least --min-words words (after removing @USER,
URL and RT) counts; --min-words 1 counts every text that has a letter.
The timing line is indicative only: run it on an idle machine.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from civility.moderation.language import identify_language  # noqa: E402
from civility.training.records import default_data_dir  # noqa: E402

LANGS = ("en", "ar", "ckb", "kmr", "tr")
_NOISE = re.compile(r"@USER|\bURL\b|\bRT\b|@\w+|https?://\S+")
_WORD = re.compile(r"[^\W\d_]+")


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text("utf-8").splitlines() if line.strip()]


def load(data: Path) -> list[tuple[str, str, str]]:
    """(text, language, source) triples."""
    rows: list[tuple[str, str, str]] = []
    kurdish = data / "kurdish_news_parallel_interdialect"
    for name, lang in (
        ("CKB-ENG.CKB_no_tag.txt", "ckb"),
        ("CKB-KMR_ckb_no_tag.txt", "ckb"),
        ("CKB-ENG.ENG_no_tag.txt", "en"),
        ("KMR-ENG.ENG_no_tag.txt", "en"),
        ("KMR-ENG.KMR_no_tag.txt", "kmr"),
        ("CKB-KMR_kmr_no_tag.txt", "kmr"),
    ):
        rows += [(t, lang, name) for t in _lines(kurdish / name)]
    with open(data / "olid" / "olid-training-v1.0.tsv", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        rows += [(r[1], "en", "olid") for r in reader if len(r) > 1]
    for name in ("OSACT2020-sharedTask-train.txt", "OSACT2020-sharedTask-dev.txt"):
        for line in _lines(data / "osact2020_arabic_offensive" / name):
            rows.append((line.split("\t")[0], "ar", "osact2020"))
    with open(
        data / "offenseval2020_turkish" / "offenseval-tr-training-v1.tsv", encoding="utf-8"
    ) as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        rows += [(r[1], "tr", "offenseval2020") for r in reader if len(r) > 1]
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", default=str(default_data_dir()))
    parser.add_argument("--min-words", type=int, default=3)
    parser.add_argument("--hint", default=None, help="pass this hint for every text")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per language")
    args = parser.parse_args()
    data = Path(args.data)
    if not data.is_dir():
        print(f"no data folder at {data}", file=sys.stderr)
        return 2
    rows = [
        (text, lang, source)
        for text, lang, source in load(data)
        if len(_WORD.findall(_NOISE.sub(" ", text))) >= args.min_words
    ]
    confusion: Counter[tuple[str, str]] = Counter()
    by_source: Counter[tuple[str, bool]] = Counter()
    errors: dict[str, list[str]] = {lang: [] for lang in LANGS}
    started = time.perf_counter()
    for text, lang, source in rows:
        guess = identify_language(text, args.hint)
        confusion[lang, guess] += 1
        by_source[source, guess == lang] += 1
        if guess != lang and len(errors[lang]) < args.errors:
            errors[lang].append(f"{guess}: {text[:120]}")
    elapsed = time.perf_counter() - started
    columns = (*LANGS, "und")
    total = sum(confusion.values())
    correct = sum(confusion[lang, lang] for lang in LANGS)
    print(f"texts with >= {args.min_words} words: {total}; hint: {args.hint}")
    print("gold \\ guess " + "".join(f"{c:>8}" for c in columns) + "  accuracy")
    recalls = []
    for lang in LANGS:
        row = [confusion[lang, c] for c in columns]
        n = sum(row)
        recall = confusion[lang, lang] / n if n else 0.0
        recalls.append(recall)
        print(f"{lang:>12} " + "".join(f"{v:>8}" for v in row) + f"  {recall:8.4f}")
    print(f"accuracy (all texts): {correct / total:.4f}")
    print(f"accuracy (mean over languages): {sum(recalls) / len(recalls):.4f}")
    for source in sorted({s for s, _ in by_source}):
        ok, bad = by_source[source, True], by_source[source, False]
        print(f"  {source}: {ok / (ok + bad):.4f} of {ok + bad}")
    print(f"time: {elapsed / total * 1e6:.1f} us per text")
    for lang, lines in errors.items():
        for line in lines:
            print(f"[{lang}] {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
