"""Language identification for the five languages the engine knows.

A small scorer over letters and function words rather than a learned model:
the one labelled source of Sorani and Kurmanji text we have may not train a
shipped model (its licence is non-commercial), and letters settle most cases
anyway. The script decides the family first:

* Arabic script: Sorani (ckb) writes ڕ ڵ ۆ ێ ە and ی ک, never ة ى or the
  hamza-seated alefs أ إ that Arabic (ar) uses all the time; the article "ال"
  and function words (في من على / لە بۆ کە) settle the rest.
* Latin script: Kurmanji (kmr) has ê î û and many x q w; Turkish (tr) has
  ı ğ ö ü; English (en) has none of them. Function words decide when the
  reader typed without the special letters.

Very short or mixed texts fall back to ``hint`` (the article's language).

A text the engine cannot read is "und", never the hint: letters of another
script (Cyrillic, Greek, Hebrew, CJK..., counted on the normalised text,
where look-alikes of Latin letters, a disguise, are Latin already), or Latin-script text whose
function words are those of a language we do not moderate (Spanish,
Italian, French, German, Portuguese, Dutch). The shipped policy holds "und"
for a person: the models have never read those languages, so their low
scores there say nothing, and a comment nobody could read must not be
published by default.

Otherwise the raw text is read, not the normalised one: normalisation folds exactly the
letters that tell these languages apart. Accuracy on the shared data sets is
measured by ``bench/language_id.py`` and reported in
docs/normalisation-and-rules.md.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from itertools import repeat
from typing import NamedTuple

from .categories import LANGUAGES, UNDETERMINED

__all__ = ["Identified", "function_words", "identify", "identify_language"]

# Tweet and web furniture that says nothing about the language. Hashtags go
# too: Arabic and Turkish tweets carry English ones.
_NOISE = re.compile(r"@\w+|#\w+|https?://\S+|www\.\S+|\bURL\b|\bRT\b")
_NOISE_MARKS = ("@", "#", "http", "www", "URL", "RT")
_PUNCTUATION = ".,!?;:\"()[]{}«»“”„…-–—*/\\|<>~`'’‘،؛؟"
# Presentation forms end at U+FEFC: U+FEFF, the byte-order mark that
# pasted text often ends with, is no Arabic letter.
_ARABIC_LETTER = re.compile(
    r"[\u0620-\u064A\u066E-\u06D5\u06FA-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]"
)
_LATIN_LETTER = re.compile(r"[a-z\u00C0-\u024F]")

# Letters and letter pairs (of the lower-cased text), with how much one
# occurrence counts. ZWNJ after heh (ه‌) is the older Sorani spelling of ە;
# U+0307 is what lower-casing leaves of Turkish İ.
_LETTERS: dict[str, tuple[tuple[str, float], ...]] = {
    "ckb": (
        *((c, 3.0) for c in "ڕڵۆێە"),
        *((c, 0.7) for c in "ڤگچپژ"),
        *((c, 0.6) for c in "یک"),
        ("ه\u200c", 1.5),
    ),
    "ar": (
        *((c, 2.0) for c in "ةأإؤ"),
        ("ى", 1.2),
        *((c, 0.8) for c in "يكثذضظء"),
        ("\u064e", 1.0),
        ("\u0650", 1.0),
        ("\u064b", 1.0),
    ),
    "kmr": (
        *((c, 3.0) for c in "êîû"),
        ("xw", 2.0),
        *((c, 0.4) for c in "xqw"),
        *((c, 0.3) for c in "çş"),
    ),
    "tr": (*((c, 3.0) for c in "ığ\u0307"), *((c, 2.0) for c in "öü"), *((c, 0.6) for c in "çş")),
    "en": (("th", 0.6), ("wh", 0.6), ("ght", 0.6), ("ck", 0.6)),
}
# The same without the letters plain ASCII text cannot contain.
_ASCII_LETTERS = {
    lang: tuple((letters, weight) for letters, weight in table if letters.isascii())
    for lang, table in _LETTERS.items()
}

# Function words: frequent, short, and (mostly) peculiar to one language.
# A word listed for two languages counts for both.
_FUNCTION_WORDS: dict[str, set[str]] = {
    "ckb": set(
        "لە بۆ کە ئەو دەکات بە ئەم لەگەڵ هەموو زۆر دوای پێش نێوان ئێمە ئەوان تۆ ئێوە بوو دەبێت "
        "دەکەن کرد هەر تەنها یان بەڵام چونکە ئەگەر کوردستان هەرێمی حکومەتی نییە هەیە ئەوە ئەمە "
        "وەک کردووە دەڵێت ئەوەی لەو لەم بەو بەم پێی وتی خۆی کەس".split()
    ),
    "ar": set(
        "في من على أن ان إن الذي هذا هذه إلى الى عن مع كان لا ما هو هي انا أنا انت أنت الله قد لم لن "
        "كل بعد قبل التي ذلك يا او أو اللي مش ايه والله ليه كده دي ده بس اللهم شو هاد يعني عشان "
        "علي الي وين ليش احنا نحن هم انه أنه لما مو فيه بين غير حتى".split()
    ),
    "en": set(
        "the and of to is in that it for you are was with this on be have not they he she we my "
        "your what so but just all do if no like will can at by or from his her who about people "
        "get should would when there their i been has had were them our how why because than more "
        "only very out up one as its it's don't i'm these those which a an me "
        # Frequent content words of news and comments, for headlines and
        # names-heavy sentences that have few function words.
        "party union society association women men children people government "
        "president minister state country city village region forces attack "
        "killed said says news report reports democratic national people's "
        "council committee school health club center centre university "
        "against after before during while where also into over under between "
        "new old first last two three years year today week said told "
        "great good bad thanks thank please article story right wrong true".split()
    ),
    "tr": set(
        "ve bir bu için icin ile çok cok değil degil mı mu mü ben sen biz siz onlar var yok "
        "daha gibi ama en her şey sey diye kadar olarak olan sonra nasıl nasil neden beni seni bana "
        "sana artık artik hiç hic iyi güzel guzel çünkü cunku şu su hep bile tüm böyle boyle oldu "
        "olsun kendi bunu şimdi simdi zaman benim senin onun olur oluyor yani lan amk aq mısın misin "
        "musun hem ya de da ne ki mi o inşallah insallah tamam abi hocam kardeşim teşekkür tesekkur "
        "sağol sagol bi yoksa kim nerede niye öyle oyle şöyle diyor dedi olmaz yap gel git adam "
        "insan dünya dunya tane vardı vardi yoktur bence bunun şu sadece zaten bizim sizin".split()
    ),
    "kmr": set(
        "û ji di ku li bi ew vê jî yê wê bo re ra min te wî wan em hûn ez tu ev heye hene nîne kir "
        "dike dikin bû bûn hat hatin gelek piştî berî navbera kurd kurdî herêma welat got dibe dê "
        "nû hemû lê jê pê vî van wekî ser nav ligel digel tê têne kirin bike bikin hatiye kiriye "
        "hev xwe êdî pir hin yek sê car sala yên ên bê ya de da ne an a her e".split()
    ),
}


def function_words(lang: str) -> frozenset[str]:
    """The frequent words listed for ``lang`` (the lexicon loader uses them too)."""
    return frozenset(_FUNCTION_WORDS.get(lang, ()))


# Function words of Latin-script languages the engine does not moderate,
# frequent ones that readers use in insults and threats as much as in
# anything else. Words that are also words of ours ("de", "tu", "en", "die",
# "para", "son") are removed below: only what points away from our five
# languages counts. One occurrence counts 1.0, so two such words reach
# _MIN_EVIDENCE.
_UNREAD_LATIN_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset(
        "el los las del que una por con para su al lo como más mas pero sus ya este porque "
        "esta entre cuando muy sin sobre también tambien hasta hay donde desde nos todos uno les "
        "contra ese eso ellos esto mí antes algunos qué unos yo otro otra él tanto esa estos mucho "
        "nada muchos cual poco ella estar estas algo nosotros mis tú tus vosotros eres soy está "
        "están estás somos fue ser hace hacer usted ustedes tienes tengo sabemos vives casa "
        "periodista mierda pendejo cabrón cabron gilipollas puta".split()
    ),
    "it": frozenset(
        "il gli della di che non sono sei è per una questo questa come anche perché perche più "
        "cosa molto nel nella del dei delle alla ho hai siamo siete io lui lei noi voi loro mio "
        "tuo suo ci tutto sempre già gia stato essere fare dove quando sappiamo abiti "
        "giornalista stronzo cazzo vaffanculo coglione".split()
    ),
    "fr": frozenset(
        "le les des du et est une je il elle nous vous ils pas ne que qui dans pour sur avec "
        "ce cette ces mais ou où mon ma mes ton ta tes très tres aussi comme être etre avoir "
        "fait sont suis était etait c'est j'ai n'est qu'il au aux plus tout tous bien merci "
        "sais savons habites journaliste connard salope putain".split()
    ),
    "de": frozenset(
        "und ist nicht ich du bist sie wir ein eine mit auf für fur dass das zu von sich "
        "auch wie aber noch nur schon oder wenn kein keine mein dein wohnst hier doch sehr dem "
        "des einen einem werden wird sind habe hast haben dich mich dir mir uns euch wissen "
        "weißt weisst journalist scheiße scheisse arschloch hurensohn".split()
    ),
    "pt": frozenset(
        "os do da dos das em no na nos nas um uma que não é com para por você vocês voce eu ele "
        "ela nós eles muito mas mais isso isto esse essa este esta seu sua meu minha são foi ser "
        "está estão tem ter porque também já aqui obrigado sabemos mora jornalista porra "
        "caralho".split()
    ),
    "nl": frozenset(
        "het een van ik je jij dat niet op zijn met voor maar ook als bij nog wat wel hij zij "
        "wij jullie heb hebt heeft naar kan moet omdat dus geen mijn jouw deze dit waar weten "
        "woont klootzak kanker idioot".split()
    ),
}
# Words any of our languages uses too ("de", "tu", "en", "ne"...) or that are
# frequent English or Turkish words in their own right.
_SHARED_WITH_OURS = frozenset().union(*_FUNCTION_WORDS.values()) | frozenset(
    "a an am as at be by do he in is it me my no of on or so to up us we was will war die "
    "man hat bin den der dan son para con pro ha hai ben sen ama kim var o e i y ci era "
    "ne te tu mi ti se le la un en de da di ya al es el lo journalist".split()
)
_UNREAD_LATIN_WORDS = {
    lang: words - _SHARED_WITH_OURS for lang, words in _UNREAD_LATIN_WORDS.items()
}


# Persian and Urdu share the Arabic script with Arabic and Sorani, and a
# Kurdish site's readers write both. Their frequent words, spelled with the
# Farsi yeh and keheh (ی ک) that Arabic does not use, or Urdu's ے ں ہ; none
# is a word of Sorani or Arabic ("کرد" is Sorani "did", "هیچ" Sorani too).
_UNREAD_ARABIC_SCRIPT_WORDS: dict[str, frozenset[str]] = {
    "fa": frozenset(
        "است را می نمی هستی هستم هستند هست نیست نیستی یک برای شما خیلی ممنون چرا کجا "
        "دارد دارم داری بود شده کند کنید کنی باشد اینجا آنجا همه ولی این آن مرگ خفه "
        "میخواهم میکنی میکند نمیدانم".split()
    ),
    "ur": frozenset("ہے ہیں کے کی میں اور نہیں یہ وہ سے کو آپ ہو تھا تھے گا".split()),
}


def _unread_arabic_script_evidence(words: list[str]) -> float:
    """The function-word evidence for Persian or Urdu, whichever is higher."""
    return float(
        max(sum(map(table.__contains__, words)) for table in _UNREAD_ARABIC_SCRIPT_WORDS.values())
    )


def _unread_latin_evidence(words: list[str]) -> float:
    """The function-word evidence for the likeliest Latin-script language we
    do not moderate (0.0 when none is suggested)."""
    return float(max(sum(map(table.__contains__, words)) for table in _UNREAD_LATIN_WORDS.values()))


def _unread_script_letters(normalised: str) -> int:
    """Letters in words of scripts none of our languages is written in (not
    Arabic script, not Latin), read on the normalised text.

    Normalisation has already turned disguises into Latin letters (Cyrillic
    "а" and Greek "ο" in an English word, mirrored "ꙅ", fillers, styled and
    enclosed letters), so what is left of another script is language. It
    folds only the look-alikes of a Russian word ("тупой" becomes "tynoи"),
    so a word with any letter left of another script counts all its letters.
    """
    count = 0
    for word in normalised.split():
        if word.isascii():
            continue
        if any(map(_of_an_unread_script, word)):
            count += sum(map(str.isalpha, word))
    return count


@functools.cache
def _of_an_unread_script(ch: str) -> bool:
    # Latin by its Unicode name, not a block: Azerbaijani "ə" (in the IPA
    # block) is a Latin letter of a Turkic language the Turkish model reads.
    # Lone Hangul jamo ("ㅋㅋㅋ", "ㅜㅡㅜ") are emoticons in any language;
    # Korean itself is written in syllable blocks.
    return (
        ch.isalpha()
        and not ch.isascii()
        and not _ARABIC_LETTER.match(ch)
        and not "\u3131" <= ch <= "\u318e"
        and "LATIN" not in unicodedata.name(ch, "")
    )


# From this many letters of an unread script the text is "und", however much
# of it is in our languages: a sentence in Russian after two in English is
# a sentence no model here reads. Two allow a stray symbol-like letter (a
# "π" in a sum, the "ツ" of a shrug) or a mirrored "я" in a disguise.
_UNREAD_SCRIPT_LETTERS = 3

# Per language, word -> score. A word in two lists (Turkish and Kurmanji
# "de", "ne") is weaker evidence than a word in one.
_WORD_SCORES: dict[str, dict[str, float]] = {
    lang: {
        w: 2.0 if sum(w in other for other in _FUNCTION_WORDS.values()) == 1 else 0.8 for w in words
    }
    for lang, words in _FUNCTION_WORDS.items()
}

# For the shortcuts: words only English has, and every letter only Sorani has.
_ENGLISH_ONLY = frozenset(w for w, score in _WORD_SCORES["en"].items() if score == 2.0)
_SORANI_LETTER = re.compile("[ڕڵۆێەڤگچپژیک]|ه\u200c")
_SORANI_ONLY = re.compile("[ڕڵۆێە]")

# Grammar shows in word endings even without the special letters: Turkish
# suffixes, English derivations, Kurmanji ezafe and case endings, the Arabic
# article (a prefix, listed apart).
_ENDINGS: dict[str, tuple[str, ...]] = {
    "tr": tuple(
        "lar ler yor iyo mis mış miş muş müş dır dir dur dür tır tir sın sin nın nin nun dan den "
        "tan ten ları leri ydı ydi yız mak mek acak ecek arak erek ında inde".split()
    ),
    "en": tuple("tion ing ed ly ness ment ity ous ive ful less".split()),
    "kmr": tuple("iya yên ekê ekî ên ê î".split()),
}
_ENDING_WEIGHT = {"tr": 0.6, "en": 0.5, "kmr": 0.5}
_ARABIC_ARTICLE = ("ال", "وال", "بال", "فال", "لل")
_ARTICLE_WEIGHT = 1.5

# Below this much evidence the text is "too short to tell".
_MIN_EVIDENCE = 1.5
# The hint wins when it scores at least this share of the best language.
_HINT_SHARE = 0.6


class Identified(NamedTuple):
    """A language and how sure the identification is.

    ``confidence`` is 1.0 when letters only that language uses settle it (the
    shortcuts below), else the share of the candidates' evidence that points
    to it, scaled down while that evidence is thin (under
    ``_CONFIDENT_EVIDENCE``); 0.0 when the language is the hint's or
    undetermined for want of evidence. The policy reads it where approving
    depends on knowing the language (``clearly_civil``, docs/policy.md).
    """

    lang: str
    confidence: float


def identify_language(text: str, hint: str | None = None) -> str:
    """One of "en", "ar", "ckb", "kmr", "tr", or "und" when it cannot tell."""
    return identify(text, hint).lang


def identify(text: str, hint: str | None = None, normalised: str | None = None) -> Identified:
    """The language of ``text`` with a confidence in [0, 1] (see ``Identified``).

    ``normalised`` is the comment's normalised text when the caller has it
    (steps.language); letters of scripts we do not read are counted there,
    after disguises are undone. Without it a text that is not ASCII is
    normalised here.
    """
    hint = hint if hint in LANGUAGES else None
    clean = text
    if any(mark in text for mark in _NOISE_MARKS):
        clean = _NOISE.sub(" ", text)
    clean = clean.lower()
    arabic = len(_ARABIC_LETTER.findall(clean))
    # Only count Latin letters when there is a choice of script to make.
    latin = (
        len(_LATIN_LETTER.findall(clean))
        if arabic
        else int(_LATIN_LETTER.search(clean) is not None)
    )
    if not text.isascii():
        if normalised is None:
            from .normalise import normalise

            normalised = normalise(text).text
        if any(mark in normalised for mark in _NOISE_MARKS):
            normalised = _NOISE.sub(" ", normalised)  # hashtags in any script
        if _unread_script_letters(normalised) >= _UNREAD_SCRIPT_LETTERS:
            return Identified(UNDETERMINED, 0.0)
    if arabic == 0 and latin == 0:
        return Identified(hint or UNDETERMINED, 0.0)
    # A family whose script is under a fifth of the letters is not a candidate
    # (an Arabic tweet with an English word left in is still Arabic).
    candidates: tuple[str, ...] = ()
    if arabic >= 0.2 * (arabic + latin):
        candidates += ("ar", "ckb")
    if latin and latin >= 0.2 * (arabic + latin):
        candidates += ("en", "tr", "kmr")
    words = [token.strip(_PUNCTUATION) for token in clean.split()]
    unread_arabic = _unread_arabic_script_evidence(words) if "ar" in candidates else 0.0
    # Persian writes the letters Sorani shares with it (ی ک گ چ پ ژ), which
    # would score it as Sorani, surely; Sorani's own vowels (ە ێ ۆ, or ه and
    # a ZWNJ in the older spelling) and ڕ ڵ are what Persian never writes.
    if (
        unread_arabic >= _MIN_EVIDENCE
        and _SORANI_ONLY.search(clean) is None
        and "ه\u200c" not in clean
        and unread_arabic > sum(map(_FUNCTION_WORDS["ar"].__contains__, words))
    ):
        return Identified(UNDETERMINED, 0.0)
    # Shortcuts for the clear cases, which are most comments.
    if candidates == ("ar", "ckb") and arabic >= 8 and unread_arabic < _MIN_EVIDENCE:
        if hint != "ckb" and _SORANI_LETTER.search(clean) is None:
            return Identified("ar", 1.0)
        if hint != "ar" and len(_SORANI_ONLY.findall(clean)) >= 3:
            return Identified("ckb", 1.0)
    # Hot path: everything below runs at C speed (str.count, map over
    # bound methods), which keeps this step to a few microseconds.
    long_words = [w for w in words if len(w) > 4]
    ascii_only = clean.isascii()
    unread = max(_unread_latin_evidence(words) if "en" in candidates else 0.0, unread_arabic)
    if ascii_only and candidates == ("en", "tr", "kmr") and hint in (None, "en"):
        english = sum(map(_ENGLISH_ONLY.__contains__, words))
        if english >= 3 and english * 5 >= len(words) and english > unread:
            return Identified("en", 1.0)
    if not ascii_only and candidates == ("en", "tr", "kmr") and hint is None:
        turkish = clean.count("ı") + clean.count("ğ")
        kurmanji = clean.count("ê") + clean.count("î") + clean.count("û")
        if (turkish >= 2) != (kurmanji >= 2) and not any(map(_ENGLISH_ONLY.__contains__, words)):
            if turkish >= 2 and kurmanji == 0:
                return Identified("tr", 1.0)
            if kurmanji >= 2 and turkish == 0:
                return Identified("kmr", 1.0)
    letter_tables = _ASCII_LETTERS if ascii_only else _LETTERS
    scores = dict.fromkeys(candidates, 0.0)
    for lang in candidates:
        score = sum(weight * clean.count(letters) for letters, weight in letter_tables[lang])
        score += sum(filter(None, map(_WORD_SCORES[lang].get, words)))
        if lang in _ENDINGS:
            score += _ENDING_WEIGHT[lang] * sum(
                map(str.endswith, long_words, repeat(_ENDINGS[lang]))
            )
        elif lang == "ar":
            score += _ARTICLE_WEIGHT * sum(map(str.startswith, long_words, repeat(_ARABIC_ARTICLE)))
        scores[lang] = score
    best = max(scores, key=scores.__getitem__)
    if unread >= _MIN_EVIDENCE and unread > scores[best]:
        return Identified(UNDETERMINED, 0.0)
    if scores[best] < _MIN_EVIDENCE:
        # The hint only where its script is written: a short Persian "death
        # to you" on an English page is not English, and the English model
        # would find no word of it.
        if hint in scores:
            return Identified(hint, 0.0)
        if best == "en" and text.isascii() and scores["en"] > 0:
            return Identified("en", _confidence(scores, "en"))
        return Identified(UNDETERMINED, 0.0)
    if hint in scores and scores[hint] >= _HINT_SHARE * scores[best]:
        return Identified(hint, _confidence(scores, hint))
    return Identified(best, _confidence(scores, best))


# Evidence (letters, words and endings, as scored above) from which the share
# alone says how sure we are; below it the share is scaled down.
_CONFIDENT_EVIDENCE = 6.0


def _confidence(scores: dict[str, float], lang: str) -> float:
    total = sum(scores.values())
    if total <= 0.0:
        return 0.0
    share = scores[lang] / total
    return round(share * min(1.0, scores[lang] / _CONFIDENT_EVIDENCE), 4)
