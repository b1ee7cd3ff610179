"""Relevance to the article: unit tests of off_topic_probability and its parts.

The measured figures (ROC-AUC per set) come from bench/relevance.py; the
quality test at the end checks two of them on the dev data.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

from civility.moderation import relevance
from civility.moderation.context import Article

SEED = Article(
    title="Russia defends military action in Aleppo region",
    body=(
        "Russia defended military action it has taken against armed groups in the contested "
        "Syrian city of Aleppo. The Kremlin is once again backing the Syrian military in the north "
        "of the country near the city, which has led to fears that the ceasefire regime could "
        "collapse and bring the Geneva peace negotiations down with it. Nusra, along with Islamic "
        "State (ISIS), is excluded from the ceasefire. US President Barack Obama called Russian "
        "President Vladimir Putin to express his concern about the redeployment of Russian "
        "artillery to Syria's north."
    ),
    lang="en",
)
ON_TOPIC = [
    "Russia says it only bombs Nusra, but the hospitals in Aleppo tell another story.",
    "The ceasefire was dead the day it was signed. Geneva is theatre.",
    "Obama calling Putin changes nothing. Moscow will keep its artillery in the north.",
    # No word in common with the article: only the embedding links it.
    "Moscow's jets keep pounding the city while diplomats talk in Switzerland.",
]
# The same kind of comments, written in Arabic and Turkish: read against the
# English article by the multilingual encoder.
ARABIC_ON_TOPIC = [
    "روسيا تقول إنها تقصف النصرة فقط، لكن مستشفيات حلب تروي قصة أخرى.",
    "اتصال أوباما ببوتين لا يغير شيئاً، موسكو ستبقي مدفعيتها في الشمال.",
    "وقف إطلاق النار مات يوم توقيعه، ومحادثات جنيف مجرد مسرحية.",
]
TURKISH_ON_TOPIC = [
    "Rusya sadece Nusra'yı vurduğunu söylüyor ama Halep'teki hastaneler başka şey anlatıyor.",
    "Obama'nın Putin'i araması hiçbir şeyi değiştirmez, Moskova topçusunu kuzeyde tutacak.",
]
FOREIGN_OFF_TOPIC = [
    ("ar", "وصفة جدتي للدولمة: ورق العنب والأرز واللحم المفروم والبصل والليمون."),
    ("tr", "Dün akşamki maç harikaydı, son dakikadaki gol inanılmazdı!"),
]
OFF_TOPIC = [
    "Does anyone know a good mechanic in Erbil? My car broke down again.",
    "My favourite recipe for banana bread uses three ripe bananas and a cup of sugar.",
    "The football match last night was fantastic, what a goal in the final minute!",
]
# The default policy holds at 0.9 (default_policy.toml, clause "relevance").
REVIEW_AT = 0.9


def test_on_topic_comments_score_below_off_topic_ones():
    on = [relevance.off_topic_probability(t, SEED) for t in ON_TOPIC]
    off = [relevance.off_topic_probability(t, SEED) for t in OFF_TOPIC]
    assert all(0.0 <= p <= 1.0 for p in on + off)
    assert max(on) < min(off), (on, off)
    assert max(on) < 0.5
    assert min(off) > 0.5


def test_bare_short_reply_is_not_held():
    for text in ("Exactly.", "Source?", "Agreed!", "👍"):
        p = relevance.off_topic_probability(text, SEED)
        assert p == pytest.approx(relevance.SHORT_REPLY_PRIOR, abs=0.2), text
        assert p < REVIEW_AT


def test_short_reply_is_judged_with_its_parent():
    parent_on = "Russian artillery around Aleppo will end the ceasefire before Geneva even starts."
    parent_off = "Does anyone know a good mechanic in Erbil? My car broke down again."
    with_on = relevance.off_topic_probability("Source?", SEED, parent_text=parent_on)
    with_off = relevance.off_topic_probability("Source?", SEED, parent_text=parent_off)
    assert with_on < with_off


def test_reply_that_follows_its_thread_is_on_topic():
    # Drifts from the article's words, but answers the comment it replies to.
    parent = "The Syrian army could never hold the Damascus road without Russian air cover."
    reply = "Air cover alone never holds a road; the army lacks infantry after five years of war."
    alone = relevance.off_topic_probability(reply, SEED)
    in_thread = relevance.off_topic_probability(reply, SEED, parent_text=parent)
    assert in_thread <= alone
    assert in_thread < REVIEW_AT


def test_other_languages_use_character_ngrams():
    article = Article(
        title="هێرشی ڕووسیا بۆ سەر حەلەب",
        body="ڕووسیا بەرگری لە کردەوە سەربازییەکانی خۆی لە ناوچەی حەلەب دەکات. ئاگربەستەکە لە مەترسیدایە.",
        lang="ckb",
    )
    on = relevance.off_topic_probability(
        "ڕووسیا ئاگربەستەکەی لە حەلەب تێکدا و خەڵکی مەدەنی کوشت", article, lang="ckb"
    )
    off = relevance.off_topic_probability(
        "باشترین چێشتخانە لە هەولێر کوێیە؟ خواردنی زۆر خۆش دەوێت", article, lang="ckb"
    )
    assert on < off


def test_without_the_multilingual_encoder_english_falls_back_to_words(monkeypatch):
    monkeypatch.setattr(relevance.multilingual, "get_encoder", lambda: None)
    relevance.article_cache.clear()
    try:
        on = relevance.judge(ON_TOPIC[0], SEED)
        off = relevance.judge(OFF_TOPIC[0], SEED)
        arabic = relevance.judge(ARABIC_ON_TOPIC[0], SEED, lang="ar")
    finally:
        relevance.article_cache.clear()
    assert on.route.method == off.route.method == "lexical"
    assert on.score < off.score
    # Across languages there is nothing left to read the pair with: no score.
    assert arabic.score is None
    assert "not installed" in arabic.route.reason


def test_article_work_is_cached_and_bounded(monkeypatch):
    cache = relevance._ReferenceCache(size=2)
    monkeypatch.setattr(relevance, "article_cache", cache)
    built = []
    original = relevance.build_reference

    def counting(title, body, use_embeddings):
        built.append(title)
        return original(title, body, use_embeddings)

    monkeypatch.setattr(relevance, "build_reference", counting)
    for title in ("a", "a", "b", "a", "c", "b"):
        relevance.off_topic_probability(
            "Russia and the ceasefire", Article(title=title, body="x", lang="en")
        )
    # "a" and "b" built once each until "c" pushed "b" out (least recently used).
    assert [t for t in built] == ["a", "b", "c", "b"]


def test_content_words_and_ngrams():
    assert relevance.content_words("Russia's airstrikes and the Russians") == [
        "russia",
        "airstr",
        "russia",
    ]
    grams = relevance.char_ngrams("Aleppo")
    assert " al" in grams and "ppo " in grams
    assert relevance._cosine(grams, grams) == pytest.approx(1.0)
    assert relevance.char_ngrams("") == {}


def test_model_file_has_a_coefficient_set_per_method():
    model = json.loads(relevance.MODEL_FILE.read_text())
    for name in ("embedding", "crosslingual", "lexical"):
        params = model[name]
        assert set(params["weights"]) == set(params["scaling"])
        assert params["trained_on"]
    for name in ("embedding", "lexical"):
        # More overlap with the article means LESS likely off topic.
        assert model[name]["weights"]["overlap"] < 0
    for name in ("embedding", "crosslingual"):
        assert model[name]["weights"]["embed_max"] < 0
    # Words and letters are not shared across languages.
    assert "overlap" not in model["crosslingual"]["weights"]


def _bench():
    path = Path(__file__).resolve().parents[2] / "bench" / "relevance.py"
    spec = importlib.util.spec_from_file_location("bench_relevance", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while defining
    spec.loader.exec_module(module)
    return module


@pytest.mark.quality
def test_auc_on_the_dev_data(data_dir):
    bench = _bench()
    model = relevance.load_model()
    # Bounds a little below what bench/relevance.py measured (docs/relevance.md).
    for name, pairs, bound in (
        ("semeval_own_vs_other", bench.semeval_cross(data_dir), 0.90),
        ("parallel_kmr", bench.parallel_pairs(data_dir, "kmr", limit=400), 0.88),
    ):
        test = [p for p in pairs if p.fold == "test"]
        scores = bench.probabilities(bench.featurise(test, use_embeddings=True), model)
        assert bench.auc([p.label for p in test], scores) >= bound, name


# --- languages: which model reads the pair ----------------------------------------------


def test_arabic_and_turkish_comments_are_read_against_an_english_article():
    on = [relevance.judge(t, SEED, lang="ar") for t in ARABIC_ON_TOPIC]
    on += [relevance.judge(t, SEED, lang="tr") for t in TURKISH_ON_TOPIC]
    off = [relevance.judge(t, SEED, lang=lang) for lang, t in FOREIGN_OFF_TOPIC]
    assert {j.route.method for j in on + off} == {"crosslingual"}
    assert max(j.score for j in on) < min(j.score for j in off), (on, off)
    assert max(j.score for j in on) < REVIEW_AT


@pytest.mark.parametrize(
    ("text", "comment_lang", "article", "why"),
    [
        # Sorani and Kurmanji on an English article: no encoder reads Kurdish.
        (
            "ڕووسیا دەڵێت تەنها نوسرە بۆردومان دەکات، بەڵام نەخۆشخانەکانی حەلەب",
            "ckb",
            SEED,
            "Sorani",
        ),
        (
            "Rûsya dibêje tenê Nusrayê bombebaran dike, lê nexweşxaneyên Helebê",
            "kmr",
            SEED,
            "Kurmanji",
        ),
        # A relevant Turkish comment on a Sorani article (an attack that found
        # the old fallback judging Turkish words against Sorani letters).
        (
            "Rusya'nın Halep'e saldırısı ateşkesi bitirdi, siviller ölüyor.",
            "tr",
            Article(
                title="هێرشی ڕووسیا بۆ سەر حەلەب",
                body="ڕووسیا بەرگری لە کردەوە سەربازییەکانی خۆی لە ناوچەی حەلەب دەکات.",
                lang="ckb",
            ),
            "Turkish",
        ),
        ("👍👍", "und", SEED, "not identified"),
    ],
)
def test_no_score_where_no_model_reads_the_pair(text, comment_lang, article, why):
    judgement = relevance.judge(text, article, lang=comment_lang)
    assert judgement.score is None
    assert why in judgement.route.reason


def test_kurdish_comments_on_an_english_article_are_not_held_for_relevance():
    from civility.moderation.engine import Engine

    engine = Engine()
    for text in (
        "ڕووسیا دەڵێت تەنها نوسرە بۆردومان دەکات، بەڵام نەخۆشخانەکانی حەلەب شتێکی تر دەڵێن.",
        "Rûsya dibêje tenê Nusrayê bombebaran dike, lê nexweşxaneyên Helebê tiştekî din dibêjin.",
    ):
        verdict = engine.moderate(text, article=SEED, lang="en")
        assert verdict.scores["off_topic"] is None
        assert all(r.clause_id != "relevance" for r in verdict.reasons)
        assert verdict.relevance.method == "none"
        assert verdict.relevance.reason
        assert verdict.to_json()["relevance"]["reason"] == verdict.relevance.reason


def test_the_web_path_encodes_a_comment_once(monkeypatch):
    from civility.moderation import multilingual
    from civility.moderation.engine import Engine

    encoder = multilingual.get_encoder()
    calls = []

    class Counting:
        name, languages, dim = encoder.name, encoder.languages, encoder.dim

        def encode(self, texts):
            calls.append(list(texts))
            return encoder.encode(texts)

    monkeypatch.setattr(multilingual, "get_encoder", lambda: Counting())
    relevance.article_cache.clear()
    try:
        Engine().moderate(ARABIC_ON_TOPIC[0], article=SEED, lang="en")
        Engine().moderate(ARABIC_ON_TOPIC[1], article=SEED, lang="en")
    finally:
        relevance.article_cache.clear()
    comment_passes = [c for c in calls if c[0] in ARABIC_ON_TOPIC]
    # One pass per comment (the embed step); the article's chunks once, cached.
    assert [len(c) for c in comment_passes] == [1, 1]
    assert len(calls) == 3


@pytest.mark.quality
def test_cross_lingual_auc_on_the_written_comments(data_dir):
    bench = _bench()
    model = relevance.load_model()
    for lang in ("ar", "tr"):
        test = [p for p in bench.crosslingual_pairs(data_dir, lang) if p.fold == "test"]
        feats = bench.featurise(test, use_embeddings=True)
        scores = bench.probabilities(feats, model, bench.methods(test))
        # Measured 0.957 (ar) and 0.918 (tr) on 76 pairs each; the target is 0.85.
        assert bench.auc([p.label for p in test], scores) >= 0.85, lang
