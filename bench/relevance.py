"""Measure (and fit) the off-topic score on pairs built from ../shared/data.

    .venv/bin/python bench/relevance.py             # ROC-AUC per set on the test folds
    .venv/bin/python bench/relevance.py --fit       # refit models/relevance.json on the dev folds
    .venv/bin/python bench/relevance.py --latency   # also time off_topic_probability per comment

Every set is a list of (comment, reference, label) pairs, label 1 = off topic,
split into a dev fold (fitting) and a test fold (the numbers reported) by a
seeded hash of the article/question id, so a comment's article never sits in
both folds. How each set is built, and why, is in docs/relevance.md.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import random
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from civility.moderation import embeddings, relevance
from civility.moderation.context import Article

ROOT = Path(__file__).resolve().parents[1]
SEED = 20160421  # the seed article's date
csv.field_size_limit(10**8)


def data_dir(arg: str | None = None) -> Path:
    return Path(arg or os.environ.get("CIVILITY_DATA") or ROOT.parent / "shared" / "data")


@dataclass(frozen=True)
class Pair:
    text: str
    title: str
    body: str
    label: int  # 1 = off topic
    group: str  # article/question id: decides the fold
    lang: str = "en"

    @property
    def fold(self) -> str:
        digest = hashlib.sha256(f"{SEED}:{self.group}".encode()).digest()
        return "dev" if digest[0] % 2 == 0 else "test"


def _other(rng: random.Random, keys: list, key) -> object:
    while True:
        pick = rng.choice(keys)
        if pick != key:
            return pick


# --- sets -----------------------------------------------------------------------------


def c3_pairs(root: Path, limit: int = 2500) -> list[Pair]:
    """Globe and Mail comments against their own article's proxy vs another article's.

    C3 has no article text, so an article is stood in for by PROXY_COMMENTS of
    its other comments (joined); the remaining comments are scored against it
    (label 0) and against a random other article's proxy (label 1).
    """
    rng = random.Random(SEED)
    by_article: dict[str, list[str]] = defaultdict(list)
    with open(root / "c3_constructive_comments" / "C3_anonymized.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            text = row["comment_text"].strip()
            if text:
                by_article[row["article_id"]].append(text)
    proxy_n = 4
    proxies, queries = {}, []
    for article_id, texts in sorted(by_article.items()):
        if len(texts) < proxy_n + 2:
            continue
        texts = texts[:]
        rng.shuffle(texts)
        proxies[article_id] = "\n".join(texts[:proxy_n])
        queries.extend((article_id, t) for t in texts[proxy_n:])
    rng.shuffle(queries)
    keys = sorted(proxies)
    pairs = []
    for article_id, text in queries[: limit // 2]:
        other = _other(rng, keys, article_id)
        pairs.append(Pair(text, "", proxies[article_id], 0, f"c3:{article_id}"))
        pairs.append(Pair(text, "", proxies[other], 1, f"c3:{article_id}"))
    return pairs


def _semeval_questions(root: Path):
    folder = root / "semeval2015_task3_cqa_relevance"
    gold = {}
    for line in (folder / "CQA-QL-devel-gold.txt").read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            cid, label = line.split("\t", 1)
            gold[cid.strip()] = label.strip()
    tree = ET.parse(folder / "CQA-QL-devel-input.xml")
    for q in tree.getroot().iter("Question"):
        subject = (q.findtext("QSubject") or "").strip()
        body = (q.findtext("QBody") or "").strip()
        answers = [
            ((c.findtext("CBody") or "").strip(), gold.get(c.get("CID"), "?"))
            for c in q.iter("Comment")
        ]
        yield q.get("QID"), subject, body, answers


def semeval_good_bad(root: Path) -> list[Pair]:
    """Forum answers against their own question: Good = on topic, Bad = off topic."""
    pairs = []
    for qid, subject, body, answers in _semeval_questions(root):
        for text, label in answers:
            if text and label in ("Good", "Bad"):
                pairs.append(Pair(text, subject, body, int(label == "Bad"), f"se:{qid}"))
    return pairs


def semeval_cross(root: Path) -> list[Pair]:
    """Good answers against their own question (0) vs a random other question (1)."""
    rng = random.Random(SEED)
    questions = {qid: (s, b, a) for qid, s, b, a in _semeval_questions(root)}
    keys = sorted(questions)
    pairs = []
    for qid in keys:
        subject, body, answers = questions[qid]
        for text, label in answers:
            if text and label == "Good":
                other = questions[_other(rng, keys, qid)]
                pairs.append(Pair(text, subject, body, 0, f"sx:{qid}"))
                pairs.append(Pair(text, other[0], other[1], 1, f"sx:{qid}"))
    return pairs


PARALLEL = {
    "ckb": "CKB-KMR_ckb_no_tag.txt",
    "kmr": "CKB-KMR_kmr_no_tag.txt",
    "en": "KMR-ENG.ENG_no_tag.txt",
}


def parallel_pairs(root: Path, lang: str, limit: int = 800, window: int = 3) -> list[Pair]:
    """A news sentence against its neighbours (0) vs a window far away (1).

    The corpus lists the sentences of each news story in order, so the
    sentences around one stand in for its article.
    """
    path = root / "kurdish_news_parallel_interdialect" / PARALLEL[lang]
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(f"{SEED}:{lang}")

    def around(i: int) -> str:
        return "\n".join(lines[j] for j in range(i - window, i + window + 1) if j != i and lines[j])

    candidates = [i for i in range(window, len(lines) - window) if len(lines[i]) >= 30]
    rng.shuffle(candidates)
    pairs = []
    for i in candidates[: limit // 2]:
        j = i
        while abs(j - i) < 100:
            j = rng.choice(candidates)
        group = f"{lang}:{i // 200}"  # blocks of 200 lines keep stories in one fold
        pairs.append(Pair(lines[i], "", around(i), 0, group, lang))
        pairs.append(Pair(lines[i], "", around(j), 1, group, lang))
    return pairs


def headline_pairs(root: Path) -> list[Pair]:
    """Sorani news posts: a later sentence against its own headline and lead (0) vs another's (1)."""
    rng = random.Random(SEED)
    path = root / "kurdish_news_posts_fakekurdnews_real" / "real-5000.csv"
    posts = []
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parts = [p.strip() for p in re.split(r"[.!?؟\n]+", row["text"]) if len(p.strip()) >= 25]
            if len(parts) >= 3:
                posts.append((row["post_url"], parts[0], " ".join(parts[1:-1]), parts[-1]))
    pairs = []
    for n, (url, title, body, last) in enumerate(posts):
        other = posts[_other(rng, list(range(len(posts))), n)]
        pairs.append(Pair(last, title, body, 0, url, "ckb"))
        pairs.append(Pair(last, other[1], other[2], 1, url, "ckb"))
    return pairs


def build_sets(root: Path) -> dict[str, list[Pair]]:
    return {
        "c3_news_comments": c3_pairs(root),
        "semeval_good_vs_bad": semeval_good_bad(root),
        "semeval_own_vs_other": semeval_cross(root),
        "parallel_en": parallel_pairs(root, "en"),
        "parallel_ckb": parallel_pairs(root, "ckb"),
        "parallel_kmr": parallel_pairs(root, "kmr"),
        "headlines_ckb": headline_pairs(root),
    }


# --- features -------------------------------------------------------------------------


def featurise(pairs: list[Pair], use_embeddings: bool) -> list[relevance.Features]:
    """Features for every pair, with batched embeddings (one pass per distinct text)."""
    encoder = embeddings.get_encoder() if use_embeddings else None
    vectors: dict[str, np.ndarray] = {}
    refs: dict[tuple[str, str, bool], relevance.Reference] = {}
    if encoder is not None:
        texts = sorted({p.text for p in pairs if p.lang in relevance.EMBEDDING_LANGS})
        vectors = dict(zip(texts, encoder.encode(texts), strict=True))
        chunk_sets = {
            (p.title, p.body): relevance._chunks(p.title, p.body)
            for p in pairs
            if p.lang in relevance.EMBEDDING_LANGS
        }
        flat = sorted({c for chunks in chunk_sets.values() for c in chunks})
        chunk_vec = dict(zip(flat, encoder.encode(flat), strict=True))
    out = []
    for p in pairs:
        embed = encoder is not None and p.lang in relevance.EMBEDDING_LANGS
        key = (p.title, p.body, embed)
        if key not in refs:
            ref = relevance.build_reference(p.title, p.body, use_embeddings=False)
            if embed:
                stacked = np.stack([chunk_vec[c] for c in chunk_sets[(p.title, p.body)]])
                ref = relevance.Reference(ref.words, ref.grams, stacked)
            refs[key] = ref
        out.append(relevance.features(p.text, refs[key], vectors.get(p.text) if embed else None))
    return out


def auc(labels: list[int], scores: list[float]) -> float:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(labels, scores))


def probabilities(feats: list[relevance.Features], model: dict) -> list[float]:
    return [
        relevance.shrink_short(relevance.combine(f, model), round(np.expm1(f.length)))
        for f in feats
    ]


# --- fitting --------------------------------------------------------------------------

EMBEDDING_FEATURES = ("overlap", "chars", "embed_max", "embed_title", "length")
LEXICAL_FEATURES = ("overlap", "chars", "length")
# Sets the English embedding model is fitted on: news comments first. The
# SemEval Good/Bad set measures a stricter notion (answering the question)
# and is reported, not fitted.
FIT_EMBEDDING = ("c3_news_comments", "semeval_own_vs_other", "parallel_en")
FIT_LEXICAL = (*FIT_EMBEDDING, "parallel_ckb", "parallel_kmr", "headlines_ckb")


def fit_one(rows: list[relevance.Features], labels: list[int], names: tuple[str, ...]) -> dict:
    from sklearn.linear_model import LogisticRegression

    x = np.array([[getattr(f, n) for n in names] for f in rows], dtype=float)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    model = LogisticRegression(C=1.0, max_iter=1000).fit((x - mean) / scale, labels)
    return {
        "intercept": float(model.intercept_[0]),
        "weights": {n: float(w) for n, w in zip(names, model.coef_[0], strict=True)},
        "scaling": {n: [float(m), float(s)] for n, m, s in zip(names, mean, scale, strict=True)},
        "trained_on": [],
        "rows": len(labels),
    }


def fit(sets: dict[str, list[Pair]], feats: dict[str, list], lexical: dict[str, list]) -> dict:
    def dev(names, source):
        rows, labels = [], []
        for name in names:
            for pair, f in zip(sets[name], source[name], strict=True):
                if pair.fold == "dev":
                    rows.append(f)
                    labels.append(pair.label)
        return rows, labels

    emb_rows, emb_labels = dev(
        [n for n in FIT_EMBEDDING if feats[n][0].embed_max is not None], feats
    )
    lex_rows, lex_labels = dev(FIT_LEXICAL, lexical)
    model = {
        "about": "Logistic combiner for off_topic; fitted by bench/relevance.py --fit "
        "on the dev folds described in docs/relevance.md.",
        "embedding": fit_one(emb_rows, emb_labels, EMBEDDING_FEATURES),
        "lexical": fit_one(lex_rows, lex_labels, LEXICAL_FEATURES),
    }
    model["embedding"]["trained_on"] = list(FIT_EMBEDDING)
    model["lexical"]["trained_on"] = list(FIT_LEXICAL)
    return model


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", help="labelled data folder (default: $CIVILITY_DATA or ../shared/data)"
    )
    parser.add_argument("--fit", action="store_true", help="refit models/relevance.json first")
    parser.add_argument("--latency", action="store_true", help="time off_topic_probability")
    args = parser.parse_args(argv)
    root = data_dir(args.data)
    if not root.is_dir():
        print(f"no data folder at {root}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    sets = build_sets(root)
    feats = {name: featurise(pairs, use_embeddings=True) for name, pairs in sets.items()}
    lexical = {name: featurise(pairs, use_embeddings=False) for name, pairs in sets.items()}
    if args.fit:
        model = fit(sets, feats, lexical)
        relevance.MODEL_FILE.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")
        relevance.load_model.cache_clear()
        print(f"wrote {relevance.MODEL_FILE.relative_to(ROOT)}")
    model = relevance.load_model()
    print(f"{'set':24} {'lang':4} {'pairs':>6} {'AUC':>6} {'lexical-only':>12}  per feature")
    for name, pairs in sets.items():
        test = [i for i, p in enumerate(pairs) if p.fold == "test"]
        labels = [pairs[i].label for i in test]
        full = probabilities([feats[name][i] for i in test], model)
        lex = probabilities([lexical[name][i] for i in test], model)
        per = {
            n: auc(labels, [-getattr(feats[name][i], n) for i in test])
            for n in EMBEDDING_FEATURES
            if getattr(feats[name][test[0]], n) is not None and n != "length"
        }
        per_txt = " ".join(f"{n}={v:.3f}" for n, v in per.items())
        print(
            f"{name:24} {pairs[0].lang:4} {len(test):>6} {auc(labels, full):6.3f} "
            f"{auc(labels, lex):12.3f}  {per_txt}"
        )
    print(f"(built and scored in {time.perf_counter() - started:.0f} s; test folds only)")
    if args.latency:
        latency()
    return 0


def latency(n: int = 200) -> None:
    """Per-comment time of the full call, article already cached (the web app's case)."""
    seed = (ROOT.parent / "shared" / "seed" / "000_0bef9d86745bbe88.txt").read_text(
        encoding="utf-8"
    )
    article = Article(title=seed.splitlines()[0], body=seed[:3000], lang="en")
    comments = [
        "Russia says it only bombs Nusra, but the hospitals in Aleppo tell another story.",
        "The ceasefire was dead the day it was signed. Geneva is theatre.",
        "Does anyone know a good mechanic in Erbil? My car broke down again.",
        "Obama calling Putin changes nothing. Words, words, words.",
    ] * (n // 4)
    for lang in ("en", "ckb"):
        relevance.off_topic_probability(comments[0], article, lang=lang)  # warm the cache
        wall, cpu = [], []
        for text in comments:
            t, c = time.perf_counter(), time.process_time()
            relevance.off_topic_probability(text, article, lang=lang)
            wall.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        # CPU time is what one call costs an idle core; wall time on a shared
        # machine also counts the time other processes held the core.
        w50, w99 = np.percentile(wall, [50, 99])
        c50, c99 = np.percentile(cpu, [50, 99])
        print(
            f"latency lang={lang}: wall p50 {w50:.1f} ms p99 {w99:.1f} ms; "
            f"cpu p50 {c50:.1f} ms p99 {c99:.1f} ms; {len(wall)} calls; "
            f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
        )


if __name__ == "__main__":
    raise SystemExit(main())
