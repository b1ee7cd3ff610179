"""Loaders that map each labelled set in the data folder to our categories.

Every loader yields ``Example`` rows: the raw text, the language, and a
``labels`` dict that holds ONLY the categories the set says something about
(1 = breaches it, 0 = does not). A category missing from ``labels`` is
unknown for that row, and the row is left out of that category's training
and measurement. Example: an OLID tweet marked "not offensive" is a negative
for every category, while an offensive one without a target says nothing
about sexism.

Splits. Where a set ships its own dev/validation split we use it. Where it
does not, ``dev_split`` puts a text in dev when the first 8 bytes of
``blake2b(DEV_SALT + text)`` fall in the top 20% — stable across runs,
machines and seeds, so evaluation always sees the same rows and training
never sees them. Sets that may not train the shipped model (``SHIP`` is
False) are all dev: we only measure on them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from civility.moderation.categories import CATEGORIES

csv.field_size_limit(sys.maxsize)

DEV_SALT = b"civility-dev-v1:"
DEV_SHARE = 0.20


@dataclass(frozen=True)
class Example:
    text: str
    lang: str
    dataset: str
    split: str  # "train" or "dev"
    labels: dict[str, int] = field(default_factory=dict)
    # Extra per-set fields for the evaluation rows that are not categories
    # (e.g. C3's "constructive and not toxic").
    extra: dict[str, object] = field(default_factory=dict)


def default_data_dir() -> Path:
    """``$CIVILITY_DATA``, else ``../shared/data`` beside the repository."""
    env = os.environ.get("CIVILITY_DATA")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parents[3]
    return (repo.parent / "shared" / "data").resolve()


def stable_unit(text: str, salt: bytes = DEV_SALT) -> float:
    """A number in [0, 1) that depends only on the text and the salt."""
    digest = hashlib.blake2b(salt + text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") / 2**64


def dev_split(text: str) -> str:
    return "dev" if stable_unit(text) >= 1.0 - DEV_SHARE else "train"


def _all_zero() -> dict[str, int]:
    """Labels of a row judged clean: a negative for every model category.

    Promotion is left unknown: no training set labels it (rules handle it).
    """
    return {c: 0 for c in CATEGORIES if c != "promotion"}


def _open(path: Path):
    return open(path, encoding="utf-8", newline="")


def _tsv_rows(path: Path, skip_header: bool = True) -> Iterator[list[str]]:
    with _open(path) as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if skip_header:
            next(reader, None)
        yield from reader


def _csv_dicts(path: Path) -> Iterator[dict[str, str]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        yield from csv.DictReader(handle)


# --- sets that may train the shipped model ("ship: yes") -----------------


def load_olid(root: Path) -> Iterator[Example]:
    for row in _tsv_rows(root / "olid" / "olid-training-v1.0.tsv"):
        _, text, a, b, c = row[:5]
        if a == "NOT":
            labels = _all_zero()
        elif b == "UNT":
            # Offensive but aimed at no one: swearing, i.e. profanity.
            labels = {"violation": 1, "profanity": 1, "personal_attack": 0, "abuse": 0}
        else:
            # Targeted: at a person (IND), a group (GRP) or something else.
            labels = {"violation": 1, "personal_attack": int(c == "IND"), "abuse": int(c == "GRP")}
        yield Example(text, "en", "olid", dev_split(text), labels)


_HX_TARGETS = {
    "sexism": {"Women"},
    "racism": {"African", "Arab", "Asian", "Hispanic"},
    "homophobia": {"Homosexual"},
    "xenophobia": {"Refugee"},
}


def _hatexplain_labels(votes: list[int], targets: set[str]) -> dict[str, int] | None:
    """HF encoding: 0 = hate speech, 1 = normal, 2 = offensive; majority of 3."""
    hate, normal, offensive = votes.count(0), votes.count(1), votes.count(2)
    if normal >= 2:
        return _all_zero()
    if hate + offensive < 2:
        return None
    labels = {"violation": 1}
    if hate >= 2:
        labels["abuse"] = 1
    elif offensive >= 2:
        labels["abuse"] = 0
    for category, names in _HX_TARGETS.items():
        labels[category] = int(bool(targets & names))
    return labels


def load_hatexplain(root: Path) -> Iterator[Example]:
    folder = root / "hatexplain"
    for row in _csv_dicts(folder / "train_derived_training_data.csv"):
        votes = [int(v) for v in row["labels"].split(",")]
        targets = {t.strip() for t in row["targets"].split(",")}
        labels = _hatexplain_labels(votes, targets)
        if labels is not None:
            yield Example(row["text"], "en", "hatexplain", "train", labels)
    with _open(folder / "hatexplain_validation.hf.jsonl") as handle:
        for line in handle:
            post = json.loads(line)
            ann = post["annotators"]
            counts: dict[str, int] = {}
            for chosen in ann["target"]:
                for name in set(chosen):
                    counts[name] = counts.get(name, 0) + 1
            targets = {name for name, n in counts.items() if n >= 2}
            labels = _hatexplain_labels(list(ann["label"]), targets)
            if labels is not None:
                text = " ".join(post["post_tokens"])
                yield Example(text, "en", "hatexplain", "dev", labels)


def load_jigsaw(root: Path) -> Iterator[Example]:
    path = root / "jigsaw-toxic-sample-fastbert" / "train_sample.csv"
    for row in _csv_dicts(path):
        flags = {k: int(row[k]) for k in ("toxic", "obscene", "threat", "insult", "identity_hate")}
        labels = {
            "violation": int(any(flags.values())),
            "profanity": flags["obscene"],
            "vulgarity": flags["obscene"],
            "threat": flags["threat"],
            "personal_attack": flags["insult"],
            "abuse": flags["identity_hate"],
        }
        if not any(flags.values()):
            labels = _all_zero()
        text = row["comment_text"]
        yield Example(text, "en", "jigsaw", dev_split(text), labels)


def load_toxic_spans(root: Path) -> Iterator[Example]:
    """Civil Comments posts most raters found toxic: violation positives only.

    Posts where the span raters marked nothing are left out (they disagree
    with the original raters; neither side is a clean negative).
    """
    folder = root / "toxic-spans-civil-comments"
    for name in ("SemEval2021_data_tsd_train.csv", "SemEval2021_data_tsd_trial.csv"):
        for row in _csv_dicts(folder / name):
            if row["spans"].strip() not in ("", "[]"):
                text = row["text"]
                yield Example(text, "en", "toxic-spans", dev_split(text), {"violation": 1})


def load_edos(root: Path) -> Iterator[Example]:
    for row in _csv_dicts(root / "edos" / "edos_labelled_aggregated.csv"):
        if row["split"] not in ("train", "dev"):
            continue
        sexist = row["label_sexist"] == "sexist"
        labels = {"sexism": int(sexist), "threat": int(row["label_category"].startswith("1."))}
        if sexist:
            labels.update(violation=1, abuse=1)
        yield Example(row["text"], "en", "edos", row["split"], labels)


def load_davidson(root: Path) -> Iterator[Example]:
    for row in _csv_dicts(root / "davidson-hate-offensive" / "labeled_data.csv"):
        cls = row["class"]
        if cls == "2":
            labels = _all_zero()
        elif cls == "1":
            labels = {"violation": 1, "profanity": 1, "vulgarity": 1, "abuse": 0}
        else:
            labels = {"violation": 1, "abuse": 1}
        text = row["tweet"]
        yield Example(text, "en", "davidson", dev_split(text), labels)


_CONVABUSE_TYPES = {"sexist": "sexism", "homophobic": "homophobia", "racist": "racism"}


def _first(cell: str) -> str:
    return cell.split(",")[0].strip()


def load_convabuse(root: Path) -> Iterator[Example]:
    folder = root / "convabuse"
    for name, split in (("ConvAbuseEMNLPtrain.csv", "train"), ("ConvAbuseEMNLPvalid.csv", "dev")):
        for row in _csv_dicts(folder / name):
            voters = abusive = 0
            types = dict.fromkeys(_CONVABUSE_TYPES, 0)
            harass = 0
            for k in range(1, 9):
                p = f"Annotator{k}_"
                marks = [_first(row.get(f"{p}is_abuse.{v}", "") or "") for v in (1, 0, -1, -2, -3)]
                if not any(marks):
                    continue
                voters += 1
                if "1" in marks[2:]:
                    abusive += 1
                for t in types:
                    types[t] += _first(row.get(p + t, "") or "") == "1"
                harass += _first(row.get(p + "sex_harassment", "") or "") == "1"
            if not voters:
                continue
            if abusive * 2 > voters:
                labels = {"violation": 1}
                for t, category in _CONVABUSE_TYPES.items():
                    labels[category] = int(types[t] >= 2)
                labels["vulgarity"] = int(harass >= 2)
            else:
                labels = _all_zero()
            yield Example(row["user"], "en", "convabuse", split, labels)


def load_mlma(root: Path) -> Iterator[Example]:
    """All hostile tweets; only the target says something (which group)."""
    path = root / "mlma-hate-speech-en" / "en_dataset_with_stop_words.csv"
    for row in _csv_dicts(path):
        target = row["target"]
        labels = {
            "sexism": int(target == "gender"),
            "homophobia": int(target == "sexual_orientation"),
            "xenophobia": int(target == "origin"),
        }
        if target != "origin":
            labels["racism"] = 0
        if "hateful" in row["sentiment"]:
            labels["abuse"] = 1
        text = row["tweet"]
        yield Example(text, "en", "mlma", dev_split(text), labels)


def load_callme(root: Path) -> Iterator[Example]:
    """Organic tweets only: no psychological-scale items, no adversarial rewrites."""
    path = root / "call-me-sexist-but-samory2021" / "sexism_data.csv"
    for row in _csv_dicts(path):
        if row["dataset"] == "scales" or row["of_id"] != "-1":
            continue
        sexist = row["sexist"].upper() == "TRUE"
        labels = {"sexism": int(sexist)}
        if sexist:
            labels.update(violation=1, abuse=1)
        text = row["text"]
        yield Example(text, "en", "callme", dev_split(text), labels)


def load_reddit_misogyny(root: Path) -> Iterator[Example]:
    path = root / "reddit-misogyny-guest2021" / "final_labels.csv"
    merged: dict[str, tuple[str, str, dict[str, int]]] = {}
    for row in _csv_dicts(path):
        text = row["body"] or ""
        if not text.strip():
            continue
        mis = int(row["level_1"] == "Misogynistic")
        attack = int("personal_attack" in (row["level_2"] or ""))
        threat = int((row["level_3"] or "").startswith("Threatening"))
        old = merged.get(row["entry_id"], (text, row["split"], {}))[2]
        labels = {
            "sexism": max(mis, old.get("sexism", 0)),
            "personal_attack": max(attack, old.get("personal_attack", 0)),
            "threat": max(threat, old.get("threat", 0)),
        }
        if labels["sexism"] or labels["personal_attack"]:
            labels["violation"] = 1
        split = "dev" if row["split"] == "test" else "train"
        merged[row["entry_id"]] = (text, split, labels)
    for text, split, labels in merged.values():
        yield Example(text, "en", "reddit-misogyny", split, labels)


def load_stormfront(root: Path) -> Iterator[Example]:
    path = root / "stormfront-hate-speech-degibert2018" / "stormfront_joined_DERIVED.csv"
    for row in _csv_dicts(path):
        text = row["text"]
        if row["label"] == "noHate":
            labels = _all_zero()
        elif row["label"] == "hate":
            labels = {"violation": 1, "abuse": 1}
        else:
            continue
        yield Example(text, "en", "stormfront", dev_split(text), labels)


def load_osact2020(root: Path) -> Iterator[Example]:
    folder = root / "osact2020_arabic_offensive"
    for name, split in (
        ("OSACT2020-sharedTask-train.txt", "train"),
        ("OSACT2020-sharedTask-dev.txt", "dev"),
    ):
        for row in _tsv_rows(folder / name, skip_header=False):
            if len(row) < 3:
                continue
            text = row[0].replace("<LF>", "\n")
            if row[1] == "OFF":
                labels = {"violation": 1, "abuse": int(row[2] == "HS")}
            else:
                labels = _all_zero()
            yield Example(text, "ar", "osact2020-ar", split, labels)


def load_offenseval_tr(root: Path) -> Iterator[Example]:
    path = root / "offenseval2020_turkish" / "offenseval-tr-training-v1.tsv"
    for row in _tsv_rows(path, skip_header=False):
        if len(row) < 3:
            continue
        text = row[1]
        labels = {"violation": 1} if row[2] == "OFF" else _all_zero()
        yield Example(text, "tr", "offenseval2020-tr", dev_split(text), labels)


# --- sets we only measure on ---------------------------------------------


def load_gab(root: Path) -> Iterator[Example]:
    with _open(root / "gab-hate-corpus" / "ghc_train.tsv") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            labels = {
                "abuse": int(row["hd"]),
                "threat": int(row["cv"]),
                "vulgarity": int(row["vo"]),
            }
            labels["violation"] = int(any(labels.values()))
            yield Example(row["text"], "en", "gab", "dev", labels)


def load_hateval(root: Path) -> Iterator[Example]:
    for row in _csv_dicts(root / "hateval2019-en" / "hateval2019_en_dev.csv"):
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
    for row in _csv_dicts(root / "kaggle-insults-social-commentary" / "train.csv"):
        text = _unescape_kaggle(row["Comment"])
        yield Example(text, "en", "kaggle-insults", "dev", {"personal_attack": int(row["Insult"])})


def load_c3(root: Path) -> Iterator[Example]:
    """Globe and Mail comments. ``extra['welcome']``: constructive and not toxic
    (mean crowd toxicity below 2 on the 1-4 scale) -- comments that must pass."""
    for row in _csv_dicts(root / "c3_constructive_comments" / "C3_anonymized.csv"):
        toxicity = float(row["crowd_toxicity_level"] or 1.0)
        constructive = row["constructive_binary"] in ("1", "1.0")
        extra = {"welcome": constructive and toxicity < 2.0, "toxicity": toxicity}
        labels = {"violation": int(toxicity >= 2.5)} if toxicity >= 2.5 or toxicity < 1.5 else {}
        yield Example(row["comment_text"], "en", "c3", "dev", labels, extra)


def load_youtube_spam(root: Path) -> Iterator[Example]:
    folder = root / "youtube_spam_collection"
    for path in sorted(folder.glob("Youtube0*.csv")):
        for row in _csv_dicts(path):
            yield Example(
                row["CONTENT"], "en", "youtube-spam", "dev", {"promotion": int(row["CLASS"])}
            )


def load_osact2022(root: Path) -> Iterator[Example]:
    path = root / "osact2022_arabic_finegrained_hate" / "dev_data2022.csv"
    for row in _csv_dicts(path):
        labels = {
            "violation": int(row["Offensive"] == "OFF"),
            "abuse": int(row["Hate"] != "NOT_HS"),
        }
        text = row["Tweet"].replace("<LF>", "\n")
        yield Example(text, "ar", "osact2022-ar", "dev", labels)


TRAIN_SETS: dict[str, Callable[[Path], Iterator[Example]]] = {
    "olid": load_olid,
    "hatexplain": load_hatexplain,
    "jigsaw": load_jigsaw,
    "toxic-spans": load_toxic_spans,
    "edos": load_edos,
    "davidson": load_davidson,
    "convabuse": load_convabuse,
    "mlma": load_mlma,
    "callme": load_callme,
    "reddit-misogyny": load_reddit_misogyny,
    "stormfront": load_stormfront,
    "osact2020-ar": load_osact2020,
    "offenseval2020-tr": load_offenseval_tr,
}

# Folder and licence of each set, for the model card and the metadata.
SOURCES: dict[str, tuple[str, str]] = {
    "olid": ("olid", "CC BY 4.0"),
    "hatexplain": ("hatexplain", "MIT / CC BY 4.0"),
    "jigsaw": ("jigsaw-toxic-sample-fastbert", "CC0"),
    "toxic-spans": ("toxic-spans-civil-comments", "CC0"),
    "edos": ("edos", "CC0"),
    "davidson": ("davidson-hate-offensive", "MIT"),
    "convabuse": ("convabuse", "CC BY 4.0"),
    "mlma": ("mlma-hate-speech-en", "MIT"),
    "callme": ("call-me-sexist-but-samory2021", "MIT (mirror)"),
    "reddit-misogyny": ("reddit-misogyny-guest2021", "MIT"),
    "stormfront": ("stormfront-hate-speech-degibert2018", "CC BY-SA 3.0"),
    "osact2020-ar": ("osact2020_arabic_offensive", "CC BY"),
    "offenseval2020-tr": ("offenseval2020_turkish", "CC BY 2.0"),
}

MEASURE_SETS: dict[str, Callable[[Path], Iterator[Example]]] = {
    "gab": load_gab,
    "hateval": load_hateval,
    "kaggle-insults": load_kaggle_insults,
    "c3": load_c3,
    "youtube-spam": load_youtube_spam,
    "osact2022-ar": load_osact2022,
}


def load(name: str, root: Path | None = None) -> list[Example]:
    root = Path(root) if root else default_data_dir()
    loader = TRAIN_SETS.get(name) or MEASURE_SETS[name]
    return [ex for ex in loader(root) if ex.text and ex.text.strip()]


def load_many(names, root: Path | None = None) -> list[Example]:
    rows: list[Example] = []
    for name in names:
        rows.extend(load(name, root))
    return rows
