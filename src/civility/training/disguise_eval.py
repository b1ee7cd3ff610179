"""What disguises do to the engine's decisions, measured on dev rows.

Used by bench/disguise_quality.py (figures, with peers) and
tests/quality/test_disguise_quality.py (bounds). Each row is moderated as
written and then once per disguise family (training/disguise.py):

- harmful rows (insults, threats, hate: OLID OFF, HateXplain hateful or
  offensive, Jigsaw toxic, OSACT OFF, OffensEval-tr OFF, dev splits): the
  words the engine gave as evidence on the plain comment are disguised (every
  word of three letters or more when there is none), or the whole comment
  for upside-down, mirrored and backwards writing. "Published" is an
  automatic approval. What a disguise adds is measured on the rows the
  engine does not publish as written: ``published_by_disguise``.
- civil rows (C3 constructive and not toxic, OLID NOT, dev): two words of
  four letters or more disguised (or the whole comment). ``rejected_by_disguise``
  is the share of rows not rejected as written that are rejected disguised.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .disguise import ARABIC_FAMILIES, LATIN_FAMILIES, WHOLE_COMMENT, disguise_comment

__all__ = ["Case", "Tally", "harmful_rows", "civil_rows", "disguised_cases", "families_for"]

_WORD = re.compile(r"[^\W\d_]{3,}")


@dataclass(frozen=True)
class Case:
    row: int  # index into the rows
    family: str
    text: str


@dataclass
class Tally:
    """Counts for one family (or all): rows, and what happened to them."""

    n: int = 0
    plain_published: int = 0
    plain_rejected: int = 0
    published: int = 0  # disguised, approved automatically
    rejected: int = 0  # disguised, rejected
    published_by_disguise: int = 0  # not published plain, published disguised
    rejected_by_disguise: int = 0  # not rejected plain, rejected disguised
    examples: list[str] = field(default_factory=list)

    def rate(self, name: str, base: str = "n") -> float:
        denominator = getattr(self, base) if base == "n" else self.n - getattr(self, base)
        return getattr(self, name) / denominator if denominator else 0.0


def _sample(rows: list, n: int, seed: str) -> list:
    rows = list(rows)
    random.Random(seed).shuffle(rows)
    return rows[:n]


def harmful_rows(data: Path, n: int) -> list[tuple[str, str]]:
    """(text, language) of insulting, threatening and hateful dev rows."""
    from .datasets import load

    out: list[tuple[str, str]] = []
    for name, share in (
        ("olid", 0.4),
        ("hatexplain", 0.2),
        ("jigsaw", 0.1),
        ("osact2020-ar", 0.15),
        ("offenseval2020-tr", 0.15),
    ):
        rows = [
            (r.text, r.lang)
            for r in load(name, data)
            if r.split == "dev" and r.labels.get("violation") == 1 and len(r.text) < 400
        ]
        out += _sample(rows, max(1, round(n * share)), f"harmful:{name}")
    return out


def civil_rows(data: Path, n: int) -> list[tuple[str, str]]:
    """(text, language) of civil dev rows: C3 constructive, OLID, OSACT, OffensEval NOT."""
    from .datasets import load

    out: list[tuple[str, str]] = []
    for name, share, keep in (
        ("c3", 0.4, lambda r: r.extra.get("welcome")),
        ("olid", 0.3, lambda r: r.labels.get("violation") == 0),
        ("osact2020-ar", 0.15, lambda r: r.labels.get("violation") == 0),
        ("offenseval2020-tr", 0.15, lambda r: r.labels.get("violation") == 0),
    ):
        rows = [(r.text, r.lang) for r in load(name, data) if r.split == "dev" and keep(r)]
        rows = [r for r in rows if len(r[0]) < 600]
        out += _sample(rows, max(1, round(n * share)), f"civil:{name}")
    return out


def families_for(lang: str) -> list[str]:
    if lang == "ar":
        return list(ARABIC_FAMILIES)
    whole = list(WHOLE_COMMENT) if lang == "en" else ["upside_down", "mirrored"]
    return list(LATIN_FAMILIES) + whole


def disguised_cases(
    rows: Sequence[tuple[str, str]],
    evidence: Sequence[Sequence[tuple[int, int]]],
    seed: str,
    words: int | None = None,
) -> list[Case]:
    """Every row in every family of its script. ``evidence`` gives the spans to
    disguise per row; with none, ``words`` random words of four letters or
    more (every word of three or more when ``words`` is None)."""
    cases = []
    for i, (text, lang) in enumerate(rows):
        for family in families_for(lang):
            rng = random.Random(f"{seed}:{i}:{family}")
            spans = list(evidence[i])
            if not spans:
                found = [m.span() for m in _WORD.finditer(text)]
                if words is not None:
                    found = [s for s in found if s[1] - s[0] >= 4]
                    found = sorted(rng.sample(found, min(words, len(found))))
                spans = found
            if family not in WHOLE_COMMENT and not spans:
                continue
            cases.append(Case(i, family, disguise_comment(text, spans, family, rng)))
    return cases


def tally(
    cases: Sequence[Case],
    plain: Sequence[str],
    disguised: Sequence[str],
    published: Callable[[str], bool],
    rejected: Callable[[str], bool],
) -> dict[str, Tally]:
    """Per family and "all": what the decisions (or a peer's flags) were."""
    out: dict[str, Tally] = {"all": Tally()}
    for case, outcome in zip(cases, disguised, strict=True):
        before = plain[case.row]
        for key in ("all", case.family):
            t = out.setdefault(key, Tally())
            t.n += 1
            t.plain_published += published(before)
            t.plain_rejected += rejected(before)
            t.published += published(outcome)
            t.rejected += rejected(outcome)
            if published(outcome) and not published(before):
                t.published_by_disguise += 1
                if len(t.examples) < 3:
                    t.examples.append(case.text)
            if rejected(outcome) and not rejected(before):
                t.rejected_by_disguise += 1
                if len(t.examples) < 3:
                    t.examples.append(case.text)
    return out
