"""Loaders of the sets we only measure on (never train the shipped model).

Their licences do not allow shipping a model trained on them ("ship: no" or
"unclear" in the data README), so every row is a dev row.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from .records import Example, csv_dicts, open_text


def load_gab(root: Path) -> Iterator[Example]:
    with open_text(root / "gab-hate-corpus" / "ghc_train.tsv") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            labels = {
                "abuse": int(row["hd"]),
                "threat": int(row["cv"]),
                "vulgarity": int(row["vo"]),
            }
            labels["violation"] = int(any(labels.values()))
            yield Example(row["text"], "en", "gab", "dev", labels)


def load_hateval(root: Path) -> Iterator[Example]:
    for row in csv_dicts(root / "hateval2019-en" / "hateval2019_en_dev.csv"):
        yield Example(row["text"], "en", "hateval", "dev", {"abuse": int(row["HS"])})


def _unescape_kaggle(raw: str) -> str:
    text = raw.strip()
    if len(text) >= 2 and text[0] == text[-1] == '"':
        text = text[1:-1]
    try:
        text = text.encode("latin-1", "backslashreplace").decode("unicode_escape")
        text = text.encode("latin-1").decode("utf-8")
    except (UnicodeDecodeError, UnicodeEncodeError):
        pass
    return text


def load_kaggle_insults(root: Path) -> Iterator[Example]:
    for row in csv_dicts(root / "kaggle-insults-social-commentary" / "train.csv"):
        text = _unescape_kaggle(row["Comment"])
        yield Example(text, "en", "kaggle-insults", "dev", {"personal_attack": int(row["Insult"])})


def load_c3(root: Path) -> Iterator[Example]:
    """Globe and Mail comments. ``extra['welcome']``: constructive and not toxic
    (mean crowd toxicity below 2 on the 1-4 scale) -- comments that must pass."""
    for row in csv_dicts(root / "c3_constructive_comments" / "C3_anonymized.csv"):
        toxicity = float(row["crowd_toxicity_level"] or 1.0)
        constructive = row["constructive_binary"] in ("1", "1.0")
        extra = {"welcome": constructive and toxicity < 2.0, "toxicity": toxicity}
        labels = {"violation": int(toxicity >= 2.5)} if toxicity >= 2.5 or toxicity < 1.5 else {}
        yield Example(row["comment_text"], "en", "c3", "dev", labels, extra)


def load_youtube_spam(root: Path) -> Iterator[Example]:
    folder = root / "youtube_spam_collection"
    for path in sorted(folder.glob("Youtube0*.csv")):
        for row in csv_dicts(path):
            yield Example(
                row["CONTENT"],
                "en",
                "youtube-spam",
                "dev",
                {"promotion": int(row["CLASS"])},
                {"video": path.stem},
            )


def load_osact2022(root: Path) -> Iterator[Example]:
    path = root / "osact2022_arabic_finegrained_hate" / "dev_data2022.csv"
    for row in csv_dicts(path):
        labels = {
            "violation": int(row["Offensive"] == "OFF"),
            "abuse": int(row["Hate"] != "NOT_HS"),
        }
        text = row["Tweet"].replace("<LF>", "\n")
        yield Example(text, "ar", "osact2022-ar", "dev", labels)


# Kurdish news text, one sentence or headline a row: civil text (no offensive
# language expected), the stand-in for civil Kurdish comments, for which no
# labelled set exists. Per dialect: (folder, file, CSV column or None).
_KURDISH_NEWS = {
    "ckb": (
        ("kurdish_news_parallel_interdialect", "CKB-KMR_ckb_no_tag.txt", None),
        ("kurdish_news_parallel_interdialect", "CKB-ENG.CKB_no_tag.txt", None),
        ("kurdish_news_posts_fakekurdnews_real", "real-5000.csv", "text"),
    ),
    "kmr": (
        ("kurdish_news_parallel_interdialect", "CKB-KMR_kmr_no_tag.txt", None),
        ("kurdish_news_parallel_interdialect", "KMR-ENG.KMR_no_tag.txt", None),
    ),
}


def kurdish_news_loader(lang: str):
    """The loader of one dialect's news sentences and headlines (all civil)."""

    def load_kurdish_news(root: Path) -> Iterator[Example]:
        seen: set[str] = set()
        for folder, name, column in _KURDISH_NEWS[lang]:
            path = root / folder / name
            if column is None:
                texts = path.read_text("utf-8").splitlines()
            else:
                texts = [row[column] for row in csv_dicts(path)]
            for text in texts:
                text = text.strip()
                if text and text not in seen:
                    seen.add(text)
                    yield Example(text, lang, f"kurdish-news-{lang}", "dev", {"violation": 0})

    return load_kurdish_news
