"""Rebuild src/civility/moderation/lookalikes.json from Unicode's own data.

    apt-get install python3-icu        # Debian: PyICU over the system ICU
    /usr/bin/python3 tools/make_lookalikes.py

Where the data comes from (no table here is typed by hand, except the short
list of upside-down and mirror-writing letters at the end, which no Unicode
file describes):

- UTS #39 confusables: ICU's SpoofChecker skeletons. ICU is Unicode's own
  library and carries confusables.txt from Unicode's security data (ICU 72 =
  Unicode 15.0 security data; Debian 12 packages libicu72 and python3-icu).
- Character names and Default_Ignorable_Code_Point: the same ICU.

The output is a JSON file (no code, no pickle) read by lookalikes.py. Its
"source" entry records the versions it was built from. Unicode's data files
are under the Unicode License v3 (https://www.unicode.org/license.txt),
which allows this use with the notice kept in the file's "licence" entry.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import icu  # PyICU (Debian: python3-icu)

OUT = Path(__file__).resolve().parent.parent / "src" / "civility" / "moderation" / "lookalikes.json"
SPOOF = icu.SpoofChecker()
ASCII_TARGETS = "abcdefghijklmnopqrstuvwxyz0123456789"
MARKS = {"Mn", "Me"}


def name(cp: int) -> str:
    return icu.Char.charName(cp) or ""


def category(cp: int) -> str:
    # ICU's own category, so every figure comes from one Unicode version.
    return {
        icu.UCharCategory.UPPERCASE_LETTER: "Lu",
        icu.UCharCategory.LOWERCASE_LETTER: "Ll",
        icu.UCharCategory.TITLECASE_LETTER: "Lt",
        icu.UCharCategory.MODIFIER_LETTER: "Lm",
        icu.UCharCategory.OTHER_LETTER: "Lo",
    }.get(icu.Char.charType(cp), "other")


def assigned(cp: int) -> bool:
    return icu.Char.charType(cp) not in (
        icu.UCharCategory.UNASSIGNED,
        icu.UCharCategory.SURROGATE,
        icu.UCharCategory.PRIVATE_USE_CHAR,
    )


def script(cp: int) -> str:
    return icu.Script.getScript(cp).getShortName()


def nfkc_fold(text: str) -> str:
    """NFKC, case folding, marks stripped: what normalise does before look-alikes."""
    folded = str(icu.Normalizer2.getNFKCCasefoldInstance().normalize(text))
    decomposed = str(icu.Normalizer2.getNFDInstance().normalize(folded))
    return "".join(
        c
        for c in decomposed
        if icu.Char.charType(c)
        not in (icu.UCharCategory.NON_SPACING_MARK, icu.UCharCategory.ENCLOSING_MARK)
    )


def skeleton(text: str) -> str:
    sk = SPOOF.getSkeleton(0, text)
    decomposed = str(icu.Normalizer2.getNFDInstance().normalize(sk))
    return "".join(
        c
        for c in decomposed
        if icu.Char.charType(c)
        not in (icu.UCharCategory.NON_SPACING_MARK, icu.UCharCategory.ENCLOSING_MARK)
    )


def ascii_inverse() -> dict[str, str]:
    """Skeleton -> the ASCII letter (or digit) it is the skeleton of.

    Lower-case letters first, then capitals, then digits: a character that
    looks like "O" reads as the letter o, one like "m" has the skeleton "rn"
    and reads as m.
    """
    inverse: dict[str, str] = {}
    for c in ASCII_TARGETS[:26]:
        inverse.setdefault(skeleton(c), c)
    for c in ASCII_TARGETS[:26]:
        inverse.setdefault(skeleton(c.upper()), c)
    for c in ASCII_TARGETS[26:]:
        inverse.setdefault(skeleton(c), c)
    return inverse


def read_as_ascii(sk: str, inverse: dict[str, str]) -> str | None:
    """Segment a skeleton into ASCII letters, longest skeleton first ("rn" = m)."""
    out = []
    i = 0
    longest = max(map(len, inverse))
    while i < len(sk):
        for size in range(min(longest, len(sk) - i), 0, -1):
            piece = sk[i : i + size]
            if piece in inverse:
                out.append(inverse[piece])
                i += size
                break
        else:
            return None
    return "".join(out)


ARABIC_SCRIPT = {"Arab"}
# Names of letters drawn in a frame, a circle, brackets, or as a flag letter.
_ENCLOSED = re.compile(
    r"^(?:(?:NEGATIVE|CROSSED|DOUBLE|DINGBAT|SANS-SERIF|ITALIC|TORTOISE SHELL BRACKETED|"
    r"CIRCLED|SQUARED|PARENTHESIZED)\s)+(?:ITALIC\s)?(?:LATIN\s)?(?:CAPITAL|SMALL)\s"
    r"LETTER\s([A-Z])$|^REGIONAL INDICATOR SYMBOL LETTER ([A-Z])$"
)
_ENCLOSED_DIGIT = re.compile(
    r"^(?:(?:NEGATIVE|DOUBLE|DINGBAT|SANS-SERIF|CIRCLED|PARENTHESIZED)\s)*"
    r"(?:CIRCLED\s|PARENTHESIZED\s)?(?:DIGIT|NUMBER)\s(ZERO|ONE|TWO|THREE|FOUR|FIVE|SIX|SEVEN|EIGHT|NINE)"
    r"(?:\sFULL STOP|\sCOMMA)?$"
)
_DIGITS = "ZERO ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE".split()
_SMALL_CAPITAL = re.compile(
    r"^(?:LATIN|MODIFIER) (?:LETTER SMALL CAPITAL|SMALL CAPITAL LETTER) ([A-Z])(?: WITH .*)?$"
)
_TURNED = re.compile(
    r"^(?:LATIN (?:SMALL|CAPITAL) LETTER TURNED|TURNED (?:SANS-SERIF )?CAPITAL|"
    r"LATIN LETTER SMALL CAPITAL TURNED) ([A-Z])(?: WITH .*)?$"
)
_REVERSED = re.compile(
    r"^(?:LATIN (?:SMALL|CAPITAL) LETTER REVERSED|REVERSED (?:SANS-SERIF )?CAPITAL|"
    r"LATIN LETTER SMALL CAPITAL REVERSED|LATIN EPIGRAPHIC LETTER REVERSED) ([A-Z])(?: WITH .*)?$"
)

# Letters that upside-down and mirror-writing generators use and whose Unicode
# name does not say so (a "dotless j with stroke" read upside down is an f).
# Read as: this character, met in upside-down (or mirrored) text, is that letter.
UPSIDE_DOWN_EXTRA = {
    "∀": "a",
    "ꓭ": "b",
    "𐐒": "b",
    "Ɔ": "c",
    "ɔ": "c",
    "ᗡ": "d",
    "ꓷ": "d",
    "Ǝ": "e",
    "ɟ": "f",
    "ƃ": "g",
    "ᴉ": "i",
    "ı": "i",
    "ɾ": "j",
    "ſ": "j",
    "ꓘ": "k",
    "ן": "l",
    "˥": "l",
    "ꓶ": "l",
    "Ԁ": "p",
    "ꟼ": "p",
    "Ꝺ": "q",
    "ᴚ": "r",
    "┴": "t",
    "⊥": "t",
    "ꓕ": "t",
    "∩": "u",
    "Ո": "u",
    "Λ": "v",
    "ʌ": "v",
    "⅄": "y",
    "ʎ": "y",
    "Ɩ": "1",
    "ᄅ": "2",
    "Ɛ": "3",
    "ㄣ": "4",
    "ϛ": "5",
    "ㄥ": "7",
    "¡": "!",
    "¿": "?",
    "˙": ".",
    "⅋": "&",
    "‾": "_",
    "„": '"',
}
# In upside-down text these ASCII characters stand for another one.
UPSIDE_DOWN_ASCII = {
    "n": "u",
    "u": "n",
    "d": "p",
    "p": "d",
    "b": "q",
    "q": "b",
    "6": "9",
    "9": "6",
    "'": ",",
    ",": "'",
    "(": ")",
    ")": "(",
    "[": "]",
    "]": "[",
    "{": "}",
    "}": "{",
    "<": ">",
    ">": "<",
    "M": "W",
    "W": "M",
}
MIRROR_EXTRA = {
    "ɔ": "c",
    "Ɔ": "c",
    "ʞ": "k",
    "ɒ": "a",
    "ɘ": "e",
    "ᖷ": "f",
    "ǫ": "g",
    "ʜ": "h",
    "ꞁ": "j",
    "ᴎ": "n",
    "ɿ": "r",
    "ꙅ": "s",
    "Ꙅ": "s",
    "ƚ": "t",
    "ʏ": "y",
    "ƹ": "z",
    "Ƹ": "z",
    "Я": "r",
    "я": "r",
    "И": "n",
    "и": "n",
    "ᴙ": "r",
    "ꟻ": "f",
    "⅃": "l",
    "ᑫ": "p",
    "Ɑ": "a",
}
MIRROR_ASCII = {
    "b": "d",
    "d": "b",
    "p": "q",
    "q": "p",
    "(": ")",
    ")": "(",
    "[": "]",
    "]": "[",
    "{": "}",
    "}": "{",
    "<": ">",
    ">": "<",
    "|": "l",
}


def ranges(cps: list[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for cp in cps:
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def main() -> int:
    inverse = ascii_inverse()
    letters: dict[str, str] = {}
    turned: dict[str, str] = {}
    mirrored: dict[str, str] = {}
    confusables: dict[str, str] = {}
    arabic_latin: dict[str, str] = {}
    ignorable: list[int] = []
    for cp in range(0x80, 0x110000):
        if not assigned(cp):
            continue
        ch = chr(cp)
        if icu.Char.hasBinaryProperty(cp, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT):
            ignorable.append(cp)
            continue
        n = name(cp)
        if m := _ENCLOSED.match(n):
            letters[ch] = (m.group(1) or m.group(2)).lower()
        elif m := _ENCLOSED_DIGIT.match(n):
            letters[ch] = str(_DIGITS.index(m.group(1)))
        elif m := _SMALL_CAPITAL.match(n):
            letters[ch] = m.group(1).lower()
        elif m := _TURNED.match(n):
            turned[ch] = m.group(1).lower()
        elif m := _REVERSED.match(n):
            mirrored[ch] = m.group(1).lower()
        folded = nfkc_fold(ch)
        if not folded or folded.isascii():
            continue  # NFKC already reads it as ASCII (fullwidth, mathematical...)
        # The character's own skeleton first: case folding can change what a
        # character looks like (the lunate sigma "ϲ" looks like c; folded, it
        # is "σ", which looks like o).
        target = read_as_ascii(skeleton(ch), inverse) or read_as_ascii(skeleton(folded), inverse)
        if target is None or target == folded:
            continue
        if skeleton(ch) == "l" and category(cp) != "Ll":
            # The skeleton of l, I, 1 and |: a capital I or a stroke reads as
            # i or l; "|" lets normalise decide with the word.
            target = "|"
        if script(cp) in ARABIC_SCRIPT:
            if category(ord(folded[0])) != "other":
                arabic_latin[ch] = target
        else:
            confusables[ch] = target
    for ch, letter in UPSIDE_DOWN_EXTRA.items():
        turned.setdefault(ch, letter)
    for ch, letter in MIRROR_EXTRA.items():
        mirrored.setdefault(ch, letter)
    debian = {}
    for package in ("libicu72", "python3-icu"):
        try:
            debian[package] = subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", package],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            debian[package] = "unknown"
    data = {
        "source": {
            "confusables": "UTS #39 confusables (skeletons) via ICU SpoofChecker",
            "icu": icu.ICU_VERSION,
            "unicode": icu.UNICODE_VERSION,
            "pyicu": icu.VERSION,
            "debian_packages": debian,
            "built_by": "tools/make_lookalikes.py",
        },
        "licence": (
            "Derived from Unicode data (confusables.txt, UnicodeData names, "
            "DerivedCoreProperties) as carried by ICU. Copyright (c) 1991-2022 Unicode, "
            "Inc. Unicode License v3, https://www.unicode.org/license.txt"
        ),
        "ignorable": ranges(ignorable),
        "letters": dict(sorted(letters.items())),
        "confusables": dict(sorted(confusables.items())),
        "arabic_latin": dict(sorted(arabic_latin.items())),
        "upside_down": dict(sorted(turned.items())),
        "upside_down_ascii": UPSIDE_DOWN_ASCII,
        "mirrored": dict(sorted(mirrored.items())),
        "mirrored_ascii": MIRROR_ASCII,
        # Two regional indicators that name a region show as its flag.
        "flag_regions": sorted(c.lower() for c in icu.Locale.getISOCountries()),
    }
    text = json.dumps(data, ensure_ascii=False, indent=0, sort_keys=False)
    OUT.write_text(text + "\n", encoding="utf-8")
    print(
        f"{OUT}: {len(letters)} letters, {len(confusables)} confusables, "
        f"{len(arabic_latin)} Arabic-script, {len(turned)} upside-down, {len(mirrored)} mirrored, "
        f"{len(ignorable)} ignorable; ICU {icu.ICU_VERSION}, Unicode {icu.UNICODE_VERSION}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
