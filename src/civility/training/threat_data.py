"""Synthetic threat training rows, in the five languages.

The sets we may train on hold 327 threat positives among 46,000 rows
labelled for threat, nearly all English, so a threat head learns little from
them. This module writes more: templated threats (explicit, calls and wishes
of violence, veiled threats, incitement) and, for every language, civil
sentences that use the same violent words to report, condemn or discuss
violence ("the airstrike killed twelve civilians", "the executions must be
investigated") or in their everyday senses ("kill time", "shot the film").
A head trained on both must learn who does what to whom, not which words
are violent.

    from civility.training.threat_data import threat_examples
    rows = threat_examples(seed=0)          # list[Example], labelled like the loaders' rows

Threats are labelled ``{"violation": 1, "threat": 1}`` (other categories
unknown); civil sentences are negatives for every model category (the
loaders' ``all_zero``). The split is the loaders' ``dev_split`` (a hash of the
text), so the same sentence is always in the same split.

The templates (threat_templates.py) are kept apart from the threat fixture
that measures the engine (tests/fixtures/threats/); the test of this module
checks that no fixture sentence or near-duplicate is generated here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from pathlib import Path

from .records import Example, all_zero, dev_split
from .threat_templates import TEMPLATES

__all__ = ["DATASET", "load_synthetic_threats", "threat_examples", "near_duplicate_key"]

DATASET = "synthetic-threats"
# Distinct rows per language and label; fewer when the templates cannot make
# that many distinct sentences.
DEFAULT_PER_LABEL = 1000

_SLOT = re.compile(r"\{(\w+)(?:\.(\w+))?\}")


def _fill(template: str, slots: dict, rng: random.Random) -> str:
    chosen: dict[str, object] = {}

    def value(m: re.Match[str]) -> str:
        name, form = m.group(1), m.group(2)
        if name not in chosen:
            chosen[name] = rng.choice(slots[name])
        picked = chosen[name]
        if isinstance(picked, dict):
            return picked[form] if form else next(iter(picked.values()))
        return str(picked)

    text = _SLOT.sub(value, template)
    text = re.sub(r"\s+([,.!?])", r"\1", re.sub(r"  +", " ", text)).strip()
    return text[:1].upper() + text[1:]


def _variant(text: str, rng: random.Random) -> str:
    """How readers type: some lower-cased, some without the final stop,
    some shouted, some with an exclamation."""
    roll = rng.random()
    if roll < 0.15:
        return text.lower()
    if roll < 0.25:
        return text.rstrip(".!")
    if roll < 0.30:
        return text.upper()
    if roll < 0.38:
        return text.rstrip(".") + "!!"
    return text


def _generate(lang: str, label: int, per_label: int, rng: random.Random) -> list[Example]:
    slots, threats, civil = TEMPLATES[lang]
    templates = threats if label else civil
    seen: set[str] = set()
    out: list[Example] = []
    # Each template has a fair chance; stop when enough distinct sentences are
    # made or the templates are exhausted (many tries in a row give nothing new).
    misses = 0
    while len(out) < per_label and misses < 400:
        kind, template = rng.choice(templates)
        text = _variant(_fill(template, slots, rng), rng)
        key = near_duplicate_key(text)
        if key in seen:
            misses += 1
            continue
        misses = 0
        seen.add(key)
        labels = {"violation": 1, "threat": 1} if label else all_zero()
        out.append(Example(text, lang, DATASET, dev_split(text), labels, {"kind": kind}))
    return out


def threat_examples(seed: int = 0, per_label: int = DEFAULT_PER_LABEL) -> list[Example]:
    """Threats and civil counterparts in en, ar, tr, ckb and kmr.

    Seeded: the same ``seed`` and ``per_label`` give the same rows in the same
    order. Up to ``per_label`` threats and as many civil rows per language.
    """
    rows: list[Example] = []
    for lang in sorted(TEMPLATES):
        for label in (1, 0):
            rng = random.Random(f"{seed}:{lang}:{label}")
            rows.extend(_generate(lang, label, per_label, rng))
    return rows


def load_synthetic_threats(root: Path | None = None) -> Iterator[Example]:
    """The rows as a loader (``datasets.TRAIN_SETS`` signature): ``root`` is unused."""
    del root
    yield from threat_examples()


_WORD = re.compile(r"\w+")


def near_duplicate_key(text: str) -> str:
    """Lower-cased words only: sentences that differ in case or punctuation
    are one sentence."""
    return " ".join(_WORD.findall(text.casefold()))
