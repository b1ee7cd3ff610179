"""Relevance to the article: the probability that a comment is off topic.

The guidelines welcome "comments which are relevant to the article"; the
default policy holds likely off-topic comments for a moderator and never
rejects on relevance alone. This module scores one thing:
``off_topic_probability(text, article, parent_text, lang)``.

Three similarities between the comment and the article, combined by a
logistic regression whose coefficients live in ``models/relevance.json``
(fitted by ``bench/relevance.py --fit`` on a dev fold; see docs/relevance.md):

1. **word overlap**: the share of the comment's content words (stop words
   dropped, crude 6-letter prefix stems) that appear in the article;
2. **character n-grams** (3 to 5 letters, within words): works for every
   script and for Kurdish, Arabic and Turkish morphology, where whole-word
   overlap misses inflected forms;
3. **sentence embeddings** (MiniLM, English): catches "Moscow's bombing"
   under an article about "Russian airstrikes". Used only for English and
   only when the model is installed; otherwise the second coefficient set,
   fitted without it, is used.

The per-article work (vocabulary, n-gram vector, embeddings of the title and
the first paragraphs) is cached in a small LRU keyed by a hash of the title
and body, because the web app scores every comment of a busy article against
the same text.

Short replies ("Exactly.", "Source?") say nothing on their own: when a
parent comment is given they are judged together with it, and without one
the score is pulled towards a low prior rather than guessed.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import unicodedata
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from . import embeddings
from .context import Article

MODEL_FILE = Path(__file__).with_name("models") / "relevance.json"
# Languages the embedding model was trained on; others use the lexical model.
EMBEDDING_LANGS = frozenset({"en"})
# A comment with fewer content words than this is a "short reply".
SHORT_REPLY_WORDS = 3
# What a bare short reply with no parent scores: lean on topic. Holding every
# "Agreed." for review would bury moderators, and there is nothing to judge.
SHORT_REPLY_PRIOR = 0.15
# The article embedding covers the title plus the first paragraphs only:
# ledes carry the topic, and each extra chunk costs a forward pass.
ARTICLE_CHUNKS = 3
CHUNK_WORDS = 90
ARTICLE_CACHE_SIZE = 128

# Function words: overlap on "the" or "and" says nothing about the topic.
# Kept short on purpose; words under 3 letters are dropped anyway.
STOP_WORDS = frozenset(
    """
    about above after again against all also and any are aren because been before being below
    between both but can cannot could did does doing down during each even ever every few for from
    further had has have having her here hers herself him himself his how however into its itself
    just like more most much must not now off once only other ought our ours ourselves out over own
    really same say said says she should since some such than that the their theirs them themselves
    then there these they this those through too under until upon very was were what when where
    which while who whom why will with would yes yet you your yours yourself yourselves one two get
    got make made well still think know see going way people thing things want lot don didn doesn isn
    wasn won let its it's i'm you're that's
    ku bi ji li di de da ve bu ile için gibi daha çok kadar olan olarak ama ancak bir
    في من على إلى عن أن هذا هذه التي الذي كان مع لا ما هو هي ذلك
    لە بە بۆ و کە ئەو ئەم لەگەڵ دوای پێش
    """.split()
)

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)


def _fold(text: str) -> str:
    # NFKC folds Arabic presentation forms and full-width letters; casefold
    # handles Turkish dotted/dotless i better than lower() for matching.
    return unicodedata.normalize("NFKC", text).casefold()


def content_words(text: str) -> list[str]:
    """Crude stems of the words that carry topic: no stop words, no short words."""
    words = []
    for match in _WORD.finditer(_fold(text)):
        word = match.group().replace("’", "'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in STOP_WORDS:
            continue
        # Prefix stems: "Russian"/"Russia's"/"Russians" all become "russia".
        words.append(word[:6])
    return words


def char_ngrams(text: str, low: int = 3, high: int = 5) -> dict[str, float]:
    """L2-normalised counts of the letter n-grams inside each word (padded with spaces)."""
    counts: Counter[str] = Counter()
    for match in _WORD.finditer(_fold(text)):
        word = f" {match.group()} "
        if len(word) < 4 or match.group() in STOP_WORDS:
            continue
        for n in range(low, high + 1):
            for i in range(len(word) - n + 1):
                counts[word[i : i + n]] += 1
    norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
    return {gram: v / norm for gram, v in counts.items()}


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b.get(k, 0.0) for k, v in a.items())


def _chunks(title: str, body: str) -> list[str]:
    """The title, then the body in ~CHUNK_WORDS-word pieces, ARTICLE_CHUNKS at most."""
    chunks = [title.strip()] if title.strip() else []
    words = body.split()
    for start in range(0, len(words), CHUNK_WORDS):
        if len(chunks) >= ARTICLE_CHUNKS + 1:
            break
        chunks.append(" ".join(words[start : start + CHUNK_WORDS]))
    return chunks or [""]


@dataclass(frozen=True)
class Reference:
    """What a comment is compared with: an article, or the comment it replies to."""

    words: frozenset[str]
    grams: dict[str, float]
    # Unit-length embeddings of the title and body chunks (None: not English
    # or no model installed).
    vectors: np.ndarray | None


def build_reference(title: str, body: str, use_embeddings: bool) -> Reference:
    text = f"{title}\n{body}"
    vectors = None
    if use_embeddings:
        encoder = embeddings.get_encoder()
        if encoder is not None:
            vectors = encoder.encode(_chunks(title, body))
    return Reference(frozenset(content_words(text)), char_ngrams(text), vectors)


class _ReferenceCache:
    """A small thread-safe LRU of article references keyed by a content hash."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, Reference] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, title: str, body: str, use_embeddings: bool) -> Reference:
        digest = hashlib.sha256(f"{use_embeddings}\x00{title}\x00{body}".encode()).hexdigest()
        with self._lock:
            if digest in self._items:
                self._items.move_to_end(digest)
                return self._items[digest]
        reference = build_reference(title, body, use_embeddings)
        with self._lock:
            self._items[digest] = reference
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return reference

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


article_cache = _ReferenceCache(ARTICLE_CACHE_SIZE)


@dataclass(frozen=True)
class Features:
    """The similarities the combiner reads; names match models/relevance.json."""

    overlap: float  # share of the comment's content words found in the reference
    chars: float  # cosine of character n-gram vectors
    embed_max: float | None  # best cosine of the comment with a chunk
    embed_title: float | None  # cosine with the first chunk (the title)
    length: float  # log(1 + content words)

    def as_dict(self) -> dict[str, float]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


def features(text: str, reference: Reference, vector: np.ndarray | None = None) -> Features:
    words = content_words(text)
    overlap = sum(1 for w in words if w in reference.words) / len(words) if words else 0.0
    chars = _cosine(char_ngrams(text), reference.grams)
    embed_max = embed_title = None
    if vector is not None and reference.vectors is not None:
        sims = reference.vectors @ vector
        embed_max, embed_title = float(sims.max()), float(sims[0])
    return Features(overlap, chars, embed_max, embed_title, math.log1p(len(words)))


@cache
def load_model(path: Path = MODEL_FILE) -> dict:
    """The two coefficient sets (with and without embeddings) fitted on the dev folds."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def combine(feats: Features, model: dict | None = None) -> float:
    """Logistic combination of the features: P(off topic)."""
    model = model or load_model()
    use = "embedding" if feats.embed_max is not None else "lexical"
    params = model[use]
    values = feats.as_dict()
    z = params["intercept"]
    for name, weight in params["weights"].items():
        mean, scale = params["scaling"][name]
        z += weight * (values[name] - mean) / scale
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _embed(text: str, use_embeddings: bool) -> np.ndarray | None:
    if not use_embeddings:
        return None
    encoder = embeddings.get_encoder()
    return None if encoder is None else encoder.encode([text])[0]


def shrink_short(probability: float, n_words: int) -> float:
    """Pull the score of a comment with almost no content words towards the prior."""
    if n_words >= SHORT_REPLY_WORDS:
        return probability
    # Quadratic: one content word ("Source?") is still almost no evidence.
    weight = (n_words / SHORT_REPLY_WORDS) ** 2
    return weight * probability + (1.0 - weight) * SHORT_REPLY_PRIOR


def off_topic_probability(
    text: str, article: Article, parent_text: str | None = None, lang: str = "en"
) -> float:
    """The calibrated probability that ``text`` is NOT about ``article`` or its discussion.

    ``parent_text`` is the comment this one replies to: a reply that follows
    the thread is on topic even when it drifts from the article's words.
    """
    use_embeddings = lang in EMBEDDING_LANGS
    reference = article_cache.get(article.title or "", article.body or "", use_embeddings)
    merged = bool(parent_text) and len(content_words(text)) < SHORT_REPLY_WORDS
    if merged:
        # "Source?" under a comment about Aleppo is about Aleppo: judge the
        # pair against the article (and not against the parent: it is in it).
        text = f"{parent_text}\n{text}"
    n_words = len(content_words(text))
    vector = _embed(text, use_embeddings)
    probability = combine(features(text, reference, vector))
    if parent_text and not merged:
        # On topic if it follows the article OR the thread it replies to.
        # Cached like an article: several replies often answer one comment.
        parent = article_cache.get("", parent_text, use_embeddings)
        probability = min(probability, combine(features(text, parent, vector)))
    return float(shrink_short(probability, n_words))
