"""Promotion: how well the rules rank spam above ordinary comments.

The promotion score is what the engine computes for the ``promotion``
category: no learned model scores it (no set we may train on labels it), so
it is the noisy-OR of the rules' promotion hits (``rules.py``,
``promotion.py``, the lexicons' promotion groups). This script measures it
on sets we may only read, never train on:

* YouTube spam (3 videos): the weights were set by reasoning and checked on
  Psy + Katy Perry ("tune"), then on LMFAO ("check"); all three reported.
* SMS spam (UCI): a second, different kind of spam.
* C3 comments judged constructive and not toxic: share held (score >= the
  default policy's review_at 0.6) or rejected (>= 0.95) for promotion.
* The criticism fixture (tests/fixtures/criticism): civil comments held.
* The promotion fixture (tests/fixtures/promotion): advertisements and civil
  comments with links, prices and numbers in the five languages, through the
  whole engine (decisions, not scores): ads rejected under the promotion
  clause (target >= 90%), civil rejected (target 0) or held for promotion.
  The selling words were written from its even lines and checked on the odd
  ones; both halves are printed. Beside it, the naive peer every forum starts
  with: "reject anything with a link or a phone number".

    .venv/bin/python bench/promotion_quality.py [--data /work/shared/data] [--show 20]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import sys
from pathlib import Path

from sklearn.metrics import roc_auc_score

from civility.moderation.language import identify_language
from civility.moderation.normalise import normalise
from civility.moderation.rules import match_rules

ROOT = Path(__file__).resolve().parents[1]
REVIEW_AT, REJECT_AT = 0.6, 0.95


def promotion_score(text: str, hint: str = "en") -> float:
    lang = identify_language(text, hint)
    miss = 1.0
    for hit in match_rules(normalise(text), lang):
        if hit.category == "promotion":
            miss *= 1.0 - hit.strength
    return 1.0 - miss


def youtube(data: Path, names: list[str]) -> list[tuple[str, int]]:
    rows = []
    for name in names:
        with open(data / "youtube_spam_collection" / name, encoding="utf-8") as f:
            rows += [(r["CONTENT"], int(r["CLASS"])) for r in csv.DictReader(f)]
    return rows


def sms(data: Path) -> list[tuple[str, int]]:
    rows = []
    with open(data / "sms_spam_collection_uci" / "SMSSpamCollection", encoding="utf-8") as f:
        for line in f.read().splitlines()[1:]:
            label, _, text = line.partition("\t")
            rows.append((text, int(label == "spam")))
    return rows


def c3_welcome(data: Path) -> list[str]:
    path = data / "c3_constructive_comments" / "C3_anonymized.csv"
    with open(path, encoding="utf-8") as f:
        return [
            r["comment_text"]
            for r in csv.DictReader(f)
            if r["constructive_binary"] in ("1", "1.0")
            and float(r["crowd_toxicity_level"] or 1.0) < 2.0
        ]


def report_auc(name: str, rows: list[tuple[str, int]], show: int) -> None:
    scores = [promotion_score(t) for t, _ in rows]
    labels = [y for _, y in rows]
    auc = roc_auc_score(labels, scores)
    spam = [s for s, y in zip(scores, labels, strict=True) if y]
    ham = [s for s, y in zip(scores, labels, strict=True) if not y]
    zero = sum(s == 0 for s in spam) / len(spam)
    held = sum(s >= REVIEW_AT for s in ham) / len(ham)
    caught = sum(s >= REVIEW_AT for s in spam) / len(spam)
    print(
        f"{name:28s} n={len(rows):5d} auc={auc:.4f} spam with score 0: {zero:.1%}"
        f"  spam held+: {caught:.1%}  ham held+: {held:.1%}"
    )
    if show:
        ranked = sorted(zip(scores, labels, (t for t, _ in rows), strict=True), key=lambda r: r[0])
        print("  lowest spam:")
        for s, _, t in [r for r in ranked if r[1]][:show]:
            print(f"    {s:.2f} {t[:150]!r}")
        print("  highest ham:")
        for s, _, t in [r for r in ranked if not r[1]][-show:]:
            print(f"    {s:.2f} {t[:150]!r}")


def report_clean(name: str, texts: list[str], show: int) -> None:
    scores = [promotion_score(t) for t in texts]
    held = [t for t, s in zip(texts, scores, strict=True) if s >= REVIEW_AT]
    rejected = sum(s >= REJECT_AT for s in scores)
    nonzero = sum(s > 0 for s in scores)
    print(
        f"{name:28s} n={len(texts):5d} held for promotion: {len(held)} ({len(held) / len(texts):.2%})"
        f"  rejected: {rejected}  any promotion score: {nonzero / len(texts):.1%}"
    )
    for t in held[:show]:
        print(f"    {t[:150]!r}")


FIXTURE_LANGS = ("en", "ar", "tr", "ckb", "kmr")
_NAIVE = re.compile(r"https?://|www\.|\.(?:com|net|org|iq|krd|io|tv|bet)\b|(?:\d[\s-]?){7,}")


def report_fixture() -> None:
    from civility.moderation.context import Context
    from civility.moderation.engine import Engine
    from civility.moderation.normalise import normalise

    folder = ROOT / "tests" / "fixtures" / "promotion"
    engine = Engine()
    totals = {}
    print("promotion fixture (whole engine; even lines tuned on, odd lines checked):")
    for kind in ("ads", "civil"):
        for lang in FIXTURE_LANGS:
            lines = (folder / f"{kind}_{lang}.txt").read_text("utf-8").splitlines()
            verdicts = engine.moderate_batch([Context(text=t, lang_hint=lang) for t in lines])
            for half in ("even", "odd"):
                rows = [
                    (t, v)
                    for i, (t, v) in enumerate(zip(lines, verdicts, strict=True))
                    if (i % 2 == 0) == (half == "even")
                ]
                promo = sum(
                    1
                    for _, v in rows
                    if str(v.decision) == "reject" and v.reasons[0].clause_id == "promotion"
                )
                anyrej = sum(1 for _, v in rows if str(v.decision) == "reject")
                held = sum(
                    1
                    for _, v in rows
                    if str(v.decision) == "review" and v.scores["promotion"] >= REVIEW_AT
                )
                naive = sum(1 for t, _ in rows if _NAIVE.search(normalise(t).text))
                key = (kind, half)
                n0, p0, a0, h0, b0 = totals.get(key, (0, 0, 0, 0, 0))
                totals[key] = (n0 + len(rows), p0 + promo, a0 + anyrej, h0 + held, b0 + naive)
                print(
                    f"  {kind:5} {lang:3} {half:4} n={len(rows):3}  rejected for promotion {promo:3}"
                    f"  rejected (any clause) {anyrej:3}  held for promotion {held:2}"
                    f"  | peer 'link or number' rejects {naive:3}"
                )
    for (kind, half), (n, promo, anyrej, held, naive) in sorted(totals.items()):
        target = "target >= 90%" if kind == "ads" else "target 0"
        print(
            f"  {kind:5} {half:4} n={n:3}: rejected for promotion {promo} ({promo / n:.1%}), "
            f"any clause {anyrej}, held for promotion {held}; {target}; "
            f"peer 'link or number': {naive} ({naive / n:.1%})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = os.environ.get("CIVILITY_DATA") or str(ROOT.parent / "shared" / "data")
    parser.add_argument("--data", default=default)
    parser.add_argument("--show", type=int, default=0, help="print the worst N of each set")
    args = parser.parse_args(argv)
    data = Path(args.data)
    if not (data / "youtube_spam_collection").is_dir():
        print(f"no data in {data}", file=sys.stderr)
        return 2
    tune = ["Youtube01-Psy.csv", "Youtube02-KatyPerry.csv"]
    check = ["Youtube03-LMFAO.csv"]
    report_auc("youtube tune (Psy+Katy)", youtube(data, tune), args.show)
    report_auc("youtube check (LMFAO)", youtube(data, check), args.show)
    report_auc("youtube all 3", youtube(data, tune + check), 0)
    report_auc("sms spam", sms(data), args.show)
    report_clean("c3 constructive, not toxic", c3_welcome(data), args.show)
    fixture = ROOT / "tests" / "fixtures" / "criticism" / "comments.jsonl"
    items = [json.loads(line) for line in fixture.read_text("utf-8").splitlines() if line]
    report_clean(
        "criticism fixture, civil", [i["text"] for i in items if not i["clause"]], args.show
    )
    promo = [i["text"] for i in items if i["clause"] == "promotion"]
    report_clean("criticism fixture, promotion", promo, 0)
    report_fixture()
    return 0


if __name__ == "__main__":
    sys.exit(main())
