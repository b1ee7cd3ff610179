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
``blake2b(DEV_SALT + text)`` fall in the top 20% (``records.py``) — stable
across runs, machines and seeds, so evaluation always sees the same rows and
training never sees them. Sets that may not train the shipped model
(``measure_sets.py``, ``MEASURE_SETS``) are all dev: we only measure on them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

from .measure_sets import (
    kurdish_news_loader,
    load_c3,
    load_gab,
    load_hateval,
    load_kaggle_insults,
    load_osact2022,
    load_youtube_spam,
)
from .records import (
    DEV_SALT,
    DEV_SHARE,
    Example,
    all_zero,
    csv_dicts,
    default_data_dir,
    dev_part,
    dev_split,
    open_text,
    stable_unit,
    tsv_rows,
)

__all__ = [
    "DEV_SALT",
    "DEV_SHARE",
    "Example",
    "default_data_dir",
    "dev_part",
    "dev_split",
    "stable_unit",
]

# --- sets that may train the shipped model ("ship: yes") -----------------


def load_olid(root: Path) -> Iterator[Example]:
    for row in tsv_rows(root / "olid" / "olid-training-v1.0.tsv"):
        _, text, a, b, c = row[:5]
        if a == "NOT":
            labels = all_zero()
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
        return all_zero()
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
    for row in csv_dicts(folder / "train_derived_training_data.csv"):
        votes = [int(v) for v in row["labels"].split(",")]
        targets = {t.strip() for t in row["targets"].split(",")}
        labels = _hatexplain_labels(votes, targets)
        if labels is not None:
            yield Example(row["text"], "en", "hatexplain", "train", labels)
    with open_text(folder / "hatexplain_validation.hf.jsonl") as handle:
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
    for row in csv_dicts(path):
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
            labels = all_zero()
        text = row["comment_text"]
        yield Example(text, "en", "jigsaw", dev_split(text), labels)


def load_toxic_spans(root: Path) -> Iterator[Example]:
    """Civil Comments posts most raters found toxic: violation positives only.

    Posts where the span raters marked nothing are left out (they disagree
    with the original raters; neither side is a clean negative).
    """
    folder = root / "toxic-spans-civil-comments"
    for name in ("SemEval2021_data_tsd_train.csv", "SemEval2021_data_tsd_trial.csv"):
        for row in csv_dicts(folder / name):
            if row["spans"].strip() not in ("", "[]"):
                text = row["text"]
                yield Example(text, "en", "toxic-spans", dev_split(text), {"violation": 1})


def load_edos(root: Path) -> Iterator[Example]:
    for row in csv_dicts(root / "edos" / "edos_labelled_aggregated.csv"):
        if row["split"] not in ("train", "dev"):
            continue
        sexist = row["label_sexist"] == "sexist"
        labels = {"sexism": int(sexist), "threat": int(row["label_category"].startswith("1."))}
        if sexist:
            labels.update(violation=1, abuse=1)
        yield Example(row["text"], "en", "edos", row["split"], labels)


def load_davidson(root: Path) -> Iterator[Example]:
    for row in csv_dicts(root / "davidson-hate-offensive" / "labeled_data.csv"):
        cls = row["class"]
        if cls == "2":
            labels = all_zero()
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
        for row in csv_dicts(folder / name):
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
                labels = all_zero()
            yield Example(row["user"], "en", "convabuse", split, labels)


def load_mlma(root: Path) -> Iterator[Example]:
    """All hostile tweets; only the target says something (which group)."""
    path = root / "mlma-hate-speech-en" / "en_dataset_with_stop_words.csv"
    for row in csv_dicts(path):
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
    for row in csv_dicts(path):
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
    for row in csv_dicts(path):
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
    for row in csv_dicts(path):
        text = row["text"]
        if row["label"] == "noHate":
            labels = all_zero()
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
        for row in tsv_rows(folder / name, skip_header=False):
            if len(row) < 3:
                continue
            text = row[0].replace("<LF>", "\n")
            if row[1] == "OFF":
                labels = {"violation": 1, "abuse": int(row[2] == "HS")}
            else:
                labels = all_zero()
            yield Example(text, "ar", "osact2020-ar", split, labels)


def load_offenseval_tr(root: Path) -> Iterator[Example]:
    path = root / "offenseval2020_turkish" / "offenseval-tr-training-v1.tsv"
    for row in tsv_rows(path, skip_header=False):
        if len(row) < 3:
            continue
        text = row[1]
        labels = {"violation": 1} if row[2] == "OFF" else all_zero()
        yield Example(text, "tr", "offenseval2020-tr", dev_split(text), labels)


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
    "kurdish-news-ckb": kurdish_news_loader("ckb"),
    "kurdish-news-kmr": kurdish_news_loader("kmr"),
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
