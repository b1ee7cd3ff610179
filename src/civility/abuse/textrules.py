"""What a reader's text may contain: the characters refused before moderation.

The guidelines say a comment is never edited, only approved or rejected, so
text that carries invisible tricks is refused with a stable code and a message
that says what to change, never silently cleaned. Each rule answers a real
attack or a real breakage:

- ``text_control_chars``: C0/C1 control characters (NUL included). No keyboard
  types them; NUL cannot even be stored by PostgreSQL. Tab and newline are text
  in a comment, but not in a one-line field (``one_line=True``: a name, an
  address, a title): those end up in e-mail headers and greetings, where a
  line break lets a sender write lines of their own (the line and paragraph
  separators U+2028/U+2029 are refused there too).
- ``text_bidi_controls``: the explicit bidi embeddings, overrides and isolates
  (U+202A-U+202E, U+2066-U+2069). They reorder what a moderator sees
  ("Trojan Source") and can hide words from the reader's eye. The bidi *marks*
  (LRM, RLM, ALM) stay allowed: Arabic and Kurdish keyboards insert them, and
  so do ZWNJ and ZWJ (Sorani spelling, emoji).
- ``text_combining_flood``: more than ``MAX_COMBINING_RUN`` combining marks on
  one letter ("Zalgo" text that paints over the lines around it). Arabic
  diacritics stack two or three at most.
- ``text_invalid_unicode``: lone surrogates (possible through JSON ``\\ud800``),
  noncharacters, and U+FFFD, the mark of bytes that were not UTF-8 (Django
  decodes a broken form body into it).
- ``too_long`` / ``too_many_bytes``: the character limit readers are told,
  and a byte limit that bounds storage whatever the script.

Pure functions: no Django, no settings; the caller passes the limits.
"""

from __future__ import annotations

import unicodedata

from civility.errors import ValidationFailed

# Combining marks allowed in a row on one base letter.
MAX_COMBINING_RUN = 5

BIDI_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # LRE RLE PDF LRO RLO
    "\u2066\u2067\u2068\u2069"  # LRI RLI FSI PDI
)
ALLOWED_CONTROLS = frozenset("\n\t")
LINE_BREAKS = frozenset("\u2028\u2029")


def check_text(
    value: str,
    *,
    field: str,
    max_chars: int | None = None,
    max_bytes: int | None = None,
    one_line: bool = False,
) -> str:
    """Return ``value`` unchanged, or raise ValidationFailed naming ``field``.

    ``one_line``: no control character at all, tab and newline included,
    and no Unicode line or paragraph separator (names, addresses, titles).
    """
    allowed = frozenset() if one_line else ALLOWED_CONTROLS
    if max_chars is not None and len(value) > max_chars:
        raise ValidationFailed(
            f"This can be {max_chars:,} characters at most (it has {len(value):,}).",
            field=field,
            code="too_long",
        )
    if max_bytes is not None:
        size = len(value.encode("utf-8", "surrogatepass"))
        if size > max_bytes:
            raise ValidationFailed(
                f"This is too large to store ({size:,} bytes; {max_bytes:,} at most). "
                "Please shorten it.",
                field=field,
                code="too_many_bytes",
            )
    run = 0
    for char in value:
        code = ord(char)
        if ((code < 0x20 or 0x7F <= code < 0xA0) and char not in allowed) or (
            one_line and char in LINE_BREAKS
        ):
            raise ValidationFailed(
                f"This contains an invisible control character (U+{code:04X}); please remove it.",
                field=field,
                code="text_control_chars",
            )
        if char in BIDI_CONTROLS:
            raise ValidationFailed(
                f"This contains a character that reorders text (U+{code:04X}); please remove it.",
                field=field,
                code="text_bidi_controls",
            )
        if 0xD800 <= code <= 0xDFFF or _noncharacter(code) or code == 0xFFFD:
            raise ValidationFailed(
                "This contains characters that are not valid text "
                "(was it pasted from a damaged file?); please retype it.",
                field=field,
                code="text_invalid_unicode",
            )
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            run += 1
            if run > MAX_COMBINING_RUN:
                raise ValidationFailed(
                    "This piles up too many accents on one letter; please remove them.",
                    field=field,
                    code="text_combining_flood",
                )
        else:
            run = 0
    return value


# Scripts whose letters pass for Latin ones (UTS #39's confusables are mostly these).
LOOKALIKE_SCRIPTS = frozenset({"CYRILLIC", "GREEK", "ARMENIAN", "CHEROKEE", "COPTIC"})


def _script(char: str) -> str:
    # Read through compatibility forms: a fullwidth "Ｒ" or a mathematical
    # "𝐑" is a Latin letter in disguise (unicodedata names them FULLWIDTH...).
    folded = unicodedata.normalize("NFKC", char)[:1] or char
    name = unicodedata.name(folded, "")
    return name.split(" ", 1)[0] if name else ""


def check_one_script_words(value: str, *, field: str) -> str:
    """Refuse a word that mixes Latin letters with look-alikes from another script.

    "Russia defends military action in Аleppo" with a Cyrillic "А" reads as
    a real headline and is another string (``text_mixed_script``). Whole
    words in one script stay allowed, whatever the script: a title may
    quote a Russian or Greek name, and Arabic or Kurdish titles mix with
    Latin brand names word by word, never inside a word.
    """
    for word in value.split():
        letters = [c for c in word if c.isalpha()]
        scripts = {_script(c) for c in letters}
        # Plain letters beside compatibility forms ("Ｒussia", "𝐑ussia") are
        # one script after NFKC, and a look-alike all the same.
        forms = {unicodedata.normalize("NFKC", c) == c for c in letters}
        if ("LATIN" in scripts and scripts & LOOKALIKE_SCRIPTS) or len(forms) > 1:
            raise ValidationFailed(
                f"“{word}” mixes letters of different scripts that look alike; "
                "please write it in one script.",
                field=field,
                code="text_mixed_script",
            )
    return value


def check_storable(value: str, *, field: str) -> str:
    """The narrower rule for publisher text (imported articles): only what
    cannot be stored or shown at all, control characters and invalid Unicode.
    A publisher's Arabic article may carry bidi embeddings on purpose."""
    for char in value:
        code = ord(char)
        if (code < 0x20 or 0x7F <= code < 0xA0) and char not in ALLOWED_CONTROLS and char != "\r":
            raise ValidationFailed(
                f"contains a control character (U+{code:04X})",
                field=field,
                code="text_control_chars",
            )
        if 0xD800 <= code <= 0xDFFF or _noncharacter(code):
            raise ValidationFailed(
                "contains characters that are not valid text",
                field=field,
                code="text_invalid_unicode",
            )
    return value


def _noncharacter(code: int) -> bool:
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE
