"""Promotion: links, contact details, handles, and how they add up with selling words.

The guidelines reject "commercial or personal promotion". No data set we may
train on labels it, so no learned model scores it: the engine's promotion
score is the noisy-OR of the hits made here and of the lexicons' promotion
words (rules.py). The score must RANK comments (a moderator's queue and the
AUC both need more than "hit or no hit"), so the evidence is graded:

* words in three tiers (lexicons, group ``promotion-*``): faint words that
  news comments use too ("free", "subscribe", "offer": 0.1), phrases that
  sell or point somewhere ("promo code", "my channel": 0.3), and
  self-promotion that is hardly anything else ("subscribe to my channel",
  "sub4sub": 0.45). None holds a comment alone;
* a link 0.35 (a shortener or a referral link 0.45): one source link never
  holds a comment, and the same address twice (a link and its text) is one
  link; an e-mail address 0.45, a phone number 0.5, an SMS short code
  ("text WIN to 87121") 0.5, an @handle 0.15;
* one ``promotion:combined`` hit for the mix, because a way to reach the
  writer together with selling words is how spam looks while either alone
  is how news comments look (a source link; "discount" in a comment on the
  economy). Its strength grows with the weight of the words.

The weights were set by reasoning and checked, never fitted, on the YouTube
and SMS spam sets and on C3 news comments (bench/promotion_quality.py,
docs/normalisation-and-rules.md).
"""

from __future__ import annotations

import re

from .context import Hit, Normalised

__all__ = ["promotion_hits"]

# Only top-level domains that are not also short English words: "said.In"
# (a missing space) must not become a link.
_TLDS = (
    "com|net|org|info|biz|io|ly|gl|xyz|app|shop|store|online|site|top|ru|de|uk|tr|iq|krd"
    "|ir|sy|sa|ae|eg|fr|nl|eu|ca|au|pk|tk|ml|link|click|live|club|vip|win|bet|cc|tv|gov|edu"
    # Reserved for documentation (RFC 2606): examples and fixtures use it.
    "|example"
)
_LINK = re.compile(
    r"(?:https?://|www\.)[^\s<>\"']+"
    r"|(?<![\w@.-])(?:youtu\.be|t\.me|wa\.me)/[^\s<>\"']*"
    # Normalisation joins "w.w.w." into one word: "www.site.example" arrives
    # as "wwwsite.example", which the domain rule below would cut short.
    r"|(?<![\w@.-])www[\w-]+\.[a-z]{2,}\b(?:/[^\s<>\"']*)?"
    # A video address pasted without its domain ("watch?v=vtaRGgvGtWQ").
    r"|(?<![\w/])watch\?v=[\w-]{6,}"
    rf"|(?<![\w@.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_TLDS})\b(?![.-]\w)(?:/[^\s<>\"']*)?"
)
# (The look-behind makes the scan linear: a match only starts at a word's start.)
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A mention: "@name" (not inside an e-mail address, checked in code).
# "@USER" is the anonymised mention in tweet datasets.
_HANDLE = re.compile(r"@\w{2,}")
_AT_DOMAIN = re.compile(r"@[\w-]+\.\w")
# (Not after "-" or "/": the digits of a DOI or an ISBN are not a phone number.)
_PHONE_CANDIDATE = re.compile(r"(?<![\w.,+/-])(?:\+|\()?\d[\d\s().-]{5,}\d(?![\w])")
_PHONE_SHAPES = (
    re.compile(r"(?:\+|00)\d[\d\s().-]*"),  # international: +964 750 123 4567
    re.compile(r"0\d{2,4}[\s.-]?\d{3}[\s.-]?\d{2,4}"),  # national: 0750 123 4567
    re.compile(r"\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4}"),  # 555-123-4567
    re.compile(r"\d{3}-\d{4}"),  # 123-4567
)
# "text WIN to 87121", "send STOP to 69698": premium SMS short codes.
_SHORT_CODE = re.compile(r"\b(?:text|txt|send|sms|reply)\b[^.!?\n]{0,30}?\bto\s+\d{5}\b")
# Link shorteners and referral links hide where a link goes, or pay its writer.
_SHORTENERS = re.compile(
    r"(?:^|[/.])(?:bit\.ly|goo\.gl|tinyurl\.com|t\.co|ow\.ly|is\.gd|buff\.ly|adf\.ly"
    r"|binbox\.io|cutt\.ly|shorte\.st|rebrand\.ly)/"
    r"|[?&](?:ref|referral|aff|affiliate|invite)(?:_?id)?="
)

# Cheap tests before the expensive regexes.
# (Each starts with a literal, which Python's regex engine scans for fast.)
_LINK_HINT = re.compile(rf"https?:|www|\.(?:{_TLDS})\b|(?:youtu\.be|t\.me|wa\.me)/|watch\?v=")
_DIGIT = re.compile(r"\d")

# One source link alone is not enough to hold a comment; the second and
# third add a little, and later ones nothing.
LINK_STRENGTHS = (0.35, 0.1, 0.1)
HIDDEN_LINK_STRENGTH = 0.45  # a shortener or a referral link: still only one link
EMAIL_STRENGTH = 0.45
PHONE_STRENGTH = 0.5
SHORT_CODE_STRENGTH = 0.5
HANDLE_STRENGTH = 0.15


def _phones(text: str):
    for m in _PHONE_CANDIDATE.finditer(text):
        candidate = m.group().strip()
        digits = sum(c.isdigit() for c in candidate)
        if 7 <= digits <= 15 and any(shape.fullmatch(candidate) for shape in _PHONE_SHAPES):
            yield m.start(), m.start() + len(candidate)


def _link_key(url: str) -> str:
    """The address without scheme, "www." and trailing punctuation: a link and
    its own text (``<a href="http://x.com/a">x.com/a</a>``) are one link."""
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url)
    return url.rstrip("/.,;:!?)").replace("&amp;", "&")


def _links(norm: Normalised) -> list[Hit]:
    text = norm.text
    if not _LINK_HINT.search(text):
        return []
    out: list[Hit] = []
    seen: set[str] = set()
    for m in _LINK.finditer(text):
        url = m.group()
        if _EMAIL.fullmatch(url):
            continue
        key = _link_key(url)
        if key in seen:
            continue
        seen.add(key)
        if _SHORTENERS.search(url):
            strength = HIDDEN_LINK_STRENGTH
        else:
            # A second source is hardly a stronger sign of promotion than the
            # first, and a comment that cites ten is a researcher's: links
            # alone never reach review (the fourth and later are evidence only).
            n = len(out)
            strength = LINK_STRENGTHS[n] if n < len(LINK_STRENGTHS) else 0.0
        out.append(Hit("promotion", *norm.original_span(*m.span()), strength, "link"))
    return out


def _contacts(norm: Normalised) -> list[Hit]:
    text = norm.text
    out: list[Hit] = []
    if "@" in text:
        if _AT_DOMAIN.search(text):
            for m in _EMAIL.finditer(text):
                span = norm.original_span(*m.span())
                out.append(Hit("promotion", *span, EMAIL_STRENGTH, "email"))
        for m in _HANDLE.finditer(text):
            before = text[m.start() - 1] if m.start() else " "
            if m.group() != "@user" and not (before.isalnum() or before in "._"):
                start, end = norm.original_span(*m.span())
                out.append(Hit("promotion", start, end, HANDLE_STRENGTH, "handle"))
    if len(_DIGIT.findall(text)) >= 5:
        if len(_DIGIT.findall(text)) >= 7:
            for start, end in _phones(text):
                span = norm.original_span(start, end)
                out.append(Hit("promotion", *span, PHONE_STRENGTH, "phone"))
        for m in _SHORT_CODE.finditer(text):
            span = norm.original_span(*m.span())
            out.append(Hit("promotion", *span, SHORT_CODE_STRENGTH, "short_code"))
    return out


def promotion_hits(norm: Normalised, words: list[Hit]) -> list[Hit]:
    """Links and contact details in ``norm``, and the combined hit.

    ``words`` are the lexicons' promotion hits already found for the comment.
    """
    signals = _links(norm) + _contacts(norm)
    combined = _combined(signals, words)
    if combined is not None:
        signals.append(combined)
    return signals


def _combined(signals: list[Hit], words: list[Hit]) -> Hit | None:
    """One hit for the mix: a way to reach the writer plus selling words.

    ``weight`` sums the words' strengths (a faint word 0.1, a phrase 0.3,
    self-promotion 0.45; each word once), so "buy now ... discount" weighs
    0.6. The combined strength adds to the single hits by noisy-OR in the
    engine: a link with two selling phrases or
    one of self-promotion rejects, a link with one holds,
    a link with faint words ("free", "vote") stays below review, and links
    alone, however many, never hold (news comments cite sources).
    """
    links = sum(h.rule == "link" for h in signals)
    contacts = sum(h.rule in ("email", "phone", "short_code") for h in signals)
    weight = sum(h.strength for h in words)
    strongest = max((h.strength for h in words), default=0.0)
    if contacts and weight >= 0.6:
        strength = 0.96
    elif (contacts and weight >= 0.3) or (links and (weight >= 0.6 or strongest >= 0.45)):
        strength = 0.9
    elif links and weight >= 0.3:
        strength = 0.6
    elif (links or contacts) and weight > 0:
        strength = weight / 2
    elif weight >= 0.9:
        # Several selling phrases and nowhere to go: a hold; with the single
        # hits, four self-promotion phrases reject.
        strength = min(0.8, weight - 0.3)
    else:
        return None
    every = signals + words
    start = min(h.start for h in every)
    end = max(h.end for h in every)
    return Hit("promotion", start, end, round(strength, 4), "promotion:combined")
