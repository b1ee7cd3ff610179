"""The synthetic threat training rows: seeded, labelled like the loaders' rows."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path

from civility.moderation.categories import LANGUAGES
from civility.training.records import Example, all_zero
from civility.training.threat_data import DATASET, near_duplicate_key, threat_examples


def test_rows_are_seeded_and_labelled_like_the_loaders() -> None:
    rows = threat_examples(seed=3, per_label=200)
    assert rows == threat_examples(seed=3, per_label=200)
    assert rows != threat_examples(seed=4, per_label=200)
    for row in rows:
        assert isinstance(row, Example)
        assert row.dataset == DATASET
        assert row.split in ("train", "dev")
        assert row.labels in ({"violation": 1, "threat": 1}, all_zero())
        assert row.text.strip() == row.text and row.text


def test_every_language_has_threats_and_civil_counterparts() -> None:
    rows = threat_examples(per_label=300)
    counts = Counter((r.lang, r.labels["threat"]) for r in rows)
    for lang in LANGUAGES:
        assert counts[(lang, 1)] >= 250, (lang, counts)
        assert counts[(lang, 0)] >= 250, (lang, counts)
    # No sentence is both a threat and a civil row.
    by_text: dict[str, set[int]] = {}
    for r in rows:
        by_text.setdefault(r.text.casefold(), set()).add(r.labels["threat"])
    assert all(len(labels) == 1 for labels in by_text.values())


def test_civil_rows_use_the_violent_words_too() -> None:
    rows = [r for r in threat_examples(per_label=400) if r.lang == "en" and not r.labels["threat"]]
    violent = ("kill", "shot", "shoot", "execut", "hang", "slaughter", "stab", "death", "die")
    share = sum(any(w in r.text.casefold() for w in violent) for r in rows) / len(rows)
    assert share >= 0.6, share


FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "threats" / "fixture.py"
# Two sentences sharing this share of their distinct words are near-duplicates.
NEAR = 0.7


def load_fixture():
    spec = importlib.util.spec_from_file_location("threat_fixture", FIXTURE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load()


def test_no_fixture_sentence_or_near_duplicate_is_in_the_training_rows() -> None:
    rows = threat_examples()
    keys = {near_duplicate_key(r.text) for r in rows}
    word_sets = [frozenset(near_duplicate_key(r.text).split()) for r in rows]
    by_word: dict[str, list[int]] = {}
    for i, words in enumerate(word_sets):
        for w in words:
            by_word.setdefault(w, []).append(i)
    close = []
    for item in load_fixture():
        key = near_duplicate_key(item.text)
        assert key not in keys, item.text
        mine = frozenset(key.split())
        shared = Counter(i for w in mine for i in by_word.get(w, ()))
        for i, n in shared.items():
            if n / len(mine | word_sets[i]) >= NEAR:
                close.append((item.text, rows[i].text))
    assert close == []
