"""How often the rules fire on labelled tweets and on ordinary news sentences.

    .venv/bin/python bench/rules_quality.py [--data DIR] [--at 0.5]

For OLID (en), OSACT 2020 (ar, train + dev) and OffensEval 2020 (tr): the share
of offensive and of inoffensive tweets with a lexicon or pattern hit at or
above --at (promotion aside). For SemEval-2021 Task 5 (toxic spans in news
comments): how well the evidence matches the characters readers marked.
For the Kurdish news corpus (Sorani, Kurmanji
and English sentences, no offensive language expected): how many sentences
get any hit at 0.3 or above and at --at or above. Rules are the precise,
explainable half of the engine; recall is the models' job.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from civility.moderation.normalise import normalise  # noqa: E402
from civility.moderation.rules import match_rules  # noqa: E402


def _tsv(path: Path, text_col: int, label_col: int, offensive: str) -> list[tuple[str, bool]]:
    with open(path, encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        next(reader)
        return [(r[text_col], r[label_col] == offensive) for r in reader if len(r) > label_col]


def _osact(folder: Path) -> list[tuple[str, bool]]:
    rows = []
    for name in ("OSACT2020-sharedTask-train.txt", "OSACT2020-sharedTask-dev.txt"):
        for line in (folder / name).read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) > 1:
                rows.append((parts[0], parts[1] == "OFF"))
    return rows


def _fires(text: str, lang: str, at: float) -> bool:
    return any(
        h.strength >= at and h.category != "promotion" for h in match_rules(normalise(text), lang)
    )


def _toxic_spans(folder: Path, at: float) -> None:
    """Evidence against the character spans readers marked as toxic.

    SemEval-2021 Task 5 (Civil Comments, train + trial). Character-level
    precision and recall over all posts, and the task's own measure: the mean
    over posts of the character F1 (a post with no gold span and no evidence
    counts 1).
    """
    import ast

    tp = fp = fn = 0
    f1s = []
    for name in ("SemEval2021_data_tsd_train.csv", "SemEval2021_data_tsd_trial.csv"):
        with open(folder / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                gold = set(ast.literal_eval(row["spans"]))
                text = row["text"]
                found: set[int] = set()
                for h in match_rules(normalise(text), "en"):
                    if h.strength >= at and h.category != "promotion":
                        found.update(range(h.start, h.end))
                tp += len(found & gold)
                fp += len(found - gold)
                fn += len(gold - found)
                if not gold and not found:
                    f1s.append(1.0)
                elif not gold or not found:
                    f1s.append(0.0)
                else:
                    p = len(found & gold) / len(found)
                    r = len(found & gold) / len(gold)
                    f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    print(f"toxic spans (SemEval-2021 task 5, {len(f1s)} posts), evidence of hits >= {at}")
    print(
        f"  character precision {tp / (tp + fp):.3f}, recall {tp / (tp + fn):.3f}; "
        f"task F1 (mean over posts) {sum(f1s) / len(f1s):.3f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = os.environ.get("CIVILITY_DATA", str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--data", default=default)
    parser.add_argument("--at", type=float, default=0.5)
    args = parser.parse_args()
    data = Path(args.data)
    if not data.is_dir():
        print(f"no data folder at {data}", file=sys.stderr)
        return 2
    labelled = {
        "en (OLID)": ("en", _tsv(data / "olid" / "olid-training-v1.0.tsv", 1, 2, "OFF")),
        "ar (OSACT 2020)": ("ar", _osact(data / "osact2020_arabic_offensive")),
        "tr (OffensEval 2020)": (
            "tr",
            _tsv(data / "offenseval2020_turkish" / "offenseval-tr-training-v1.tsv", 1, 2, "OFF"),
        ),
    }
    print(f"tweets with a lexicon or pattern hit >= {args.at} (promotion aside)")
    for name, (lang, rows) in labelled.items():
        off = [_fires(t, lang, args.at) for t, o in rows if o]
        inoffensive = [_fires(t, lang, args.at) for t, o in rows if not o]
        print(
            f"  {name:22} OFF {sum(off)}/{len(off)} = {sum(off) / len(off):.3f}   "
            f"NOT {sum(inoffensive)}/{len(inoffensive)} = {sum(inoffensive) / len(inoffensive):.3f}"
        )
    _toxic_spans(data / "toxic-spans-civil-comments", args.at)
    print("news sentences with any hit (no offensive language expected)")
    kurdish = data / "kurdish_news_parallel_interdialect"
    for name, lang in (
        ("CKB-KMR_ckb_no_tag.txt", "ckb"),
        ("CKB-KMR_kmr_no_tag.txt", "kmr"),
        ("KMR-ENG.ENG_no_tag.txt", "en"),
    ):
        lines = (kurdish / name).read_text("utf-8").splitlines()
        hits = [match_rules(normalise(line), lang) for line in lines]
        weak = sum(any(h.strength >= 0.3 for h in found) for found in hits)
        strong = sum(any(h.strength >= args.at for h in found) for found in hits)
        print(
            f"  {name:24} {len(lines)} sentences: {weak} with a hit >= 0.3, {strong} >= {args.at}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
