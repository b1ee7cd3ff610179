"""Threats in Arabic and Sorani typed in Latin letters (Arabizi, Kurdish Latin).

Readers without an Arabic keyboard write "ra7 a2tlak" (راح اقتلك), "sa2tolak",
"detkujim" (دەتکوژم), "dê te kujim" (Badini). Digits stand for letters (2 = ء,
3 = ع, 5 = خ, 7 = ح); normalisation reads some of them as leetspeak, so every
spelling here goes through normalise() (``words``) before it is matched.
These forms are not English, Turkish or Kurmanji words, so this grammar runs
for every comment written in Latin letters (rules.py).
"""

from __future__ import annotations

from itertools import product

from .build import rule, words


def _forms(prefixes, stems, suffixes) -> list[str]:
    return [f"{p}{s}{x}" for p, s, x in product(prefixes, stems, suffixes)]


# Arabic "I / we will kill, slaughter, burn, bury... you / him / them".
_AR_PREFIX = ["", "sa", "s", "ha", "h", "b", "bi", "la", "n", "w"]
_AR_STEM = [
    "a2tl", "a2tol", "a2tel", "a2otl", "a2ottl", "aqtl", "aqtol", "aqtul", "aktol", "aktl", "2atl",
    "n2tl", "na2tl", "na2tol", "naqtol", "adba7", "adbah", "adbe7", "nedba7", "ndba7", "adb7",
    "2otl", "2tol", "o2tol", "a2otol", "2etl",
    "a7ra2", "ahra2", "a7re2", "a7ri2", "adfen", "adfn", "a5n2", "akhn2", "akhno2", "ashn2", "ashno2",
    "a3dm", "asa7l", "asahl", "ad3as", "ata5", "atukh", "atokh",
]  # fmt: skip
_AR_OBJ = [
    "ak",
    "ek",
    "ik",
    "k",
    "kom",
    "kum",
    "ko",
    "o",
    "oh",
    "ha",
    "hom",
    "hum",
    "kon",
    "ki",
    "ik",
]
_AR_FUTURE_WORD = words(
    "ra7",
    "rah",
    "raa7",
    "ra7a",
    "rayi7",
    "bade",
    "bdi",
    "bidi",
    "badi",
    "wallah",
    "wallahi",
    "sawfa",
    "lazem",
)
ARABIZI_KILL = words(_forms(_AR_PREFIX, _AR_STEM, _AR_OBJ))

# Sorani in Latin letters: de-t-kuj-im, e-tan-kuzh-in, "serit debrrim".
_CKB_PREFIX = ["de", "da", "e", "a"]
_CKB_CLITIC = ["t", "tan", "y", "yan", "i", "ty"]
_CKB_STEM = [
    "kuj",
    "kuzh",
    "kwj",
    "kwzh",
    "koj",
    "kozh",
    "sutin",
    "sotin",
    "swtin",
    "xinkin",
    "khnkin",
]
_CKB_END = ["im", "in", "m", "yn", "een", "em", "en"]
SORANI_KILL = words(
    _forms(_CKB_PREFIX, _CKB_CLITIC, [f"{s}{e}" for s in _CKB_STEM for e in _CKB_END])
)

RULES = [
    rule(
        "explicit:arabizi-i-will-kill-you",
        0.95,
        _forms(_AR_PREFIX, _AR_STEM, _AR_OBJ),
        rf"\b(?:{_AR_FUTURE_WORD}\s+)?{ARABIZI_KILL}\b",
    ),
    rule(
        "explicit:sorani-latin-i-will-kill-you",
        0.95,
        _forms(_CKB_PREFIX, _CKB_CLITIC, [f"{s}{e}" for s in _CKB_STEM for e in _CKB_END]),
        rf"\b{SORANI_KILL}\b",
    ),
    rule(
        "explicit:sorani-latin-your-head",
        0.92,
        "serit sarit serut sert seret",
        r"\bs[ae]r(?:t|it|et|ut)\s+d[ae]b(?:r|rr)(?:im|in|m|een)\b",
    ),
    rule(
        "explicit:badini-latin-i-will-kill-you",
        0.95,
        "kujim kujin bkujim bkujin",
        r"\b(?:ez\s+)?de\s+(?:te|hewe|wi|we|wan)\s+b?kuj(?:im|in)\b",
    ),
    rule(
        "veiled:arabizi-we-know-where-you-live",
        0.85,
        [
            "a3ref",
            "na3ref",
            "ba3ref",
            "bna3ref",
            "mna3ref",
            "3arfeen",
            "3arfin",
            "n3rf",
            "na3rf",
            "a3rf",
        ],
        r"\b(?:"
        + words(
            "a3ref",
            "na3ref",
            "ba3ref",
            "bna3ref",
            "mna3ref",
            "3arfeen",
            "3arfin",
            "n3rf",
            "na3rf",
            "a3rf",
            "ne3ref",
        )
        + r")\s+(?:\w+\s+)?(?:wen|wein|ween|wayn|fen|fein|feen|wenak|weinak)\s*(?:"
        + words(
            "saken",
            "sakin",
            "btuskun",
            "btskon",
            "teskon",
            "tuskun",
            "bitskun",
            "betak",
            "baytak",
            "bitak",
            "maktabak",
            "maktabk",
            "shoghlak",
            "btshtghl",
            "btenam",
        )
        + r")?\b",
    ),
    rule(
        "veiled:arabizi-days-numbered",
        0.8,
        ["ayamak", "ayyamak", "tendam", "tindam", "btendam", "hatendam"],
        r"\b(?:ayamak|ayyamak|ayamk)\s+(?:"
        + words("ma3doode", "ma3dooda", "m3doda", "ma3duda", "ma3doda")
        + r")\b|\b(?:ra7|rah|sa|ha|b)\s*(?:tendam|tindam|tandam)\b",
    ),
    rule(
        "wish:arabizi-god-take-you",
        0.7,
        ["allah", "alla", "ala", "yakhdak", "ya5dak", "yakhodak", "ya5odak", "yekhdak"],
        r"\b(?:allah|alla|ala)\s+(?:"
        + words(
            "yakhdak",
            "ya5dak",
            "yakhodak",
            "ya5odak",
            "yekhdak",
            "ya5dhak",
            "yakhdo",
            "ya5do",
            "yakhdhom",
        )
        + r")\b",
    ),
    rule(
        "incitement:arabizi-death-to",
        0.7,
        "mot mout mawt moot",
        r"\b(?:el|al|il)\s*(?:mot|mout|mawt|moot)\s+(?:lel|lil|ll|li|le|l)\s*\w+",
    ),
]
