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

* one ``promotion:selling`` hit for an advertisement: what the seller wants
  the reader to do ("book now", "call us", "اطلب الآن", "hemen arayın",
  "پەیوەندی بکەن", "telefon bikin"), a deal ("30% off", "free delivery",
  "داشکاندن", "indirim"), haste ("this week only") and prices, in the five
  languages (``selling.json``), mixed with a link or a phone number. Each of
  these alone is how news comments talk ("call on the government", "oil at
  $40", a source link); the mixes are how advertisements do (``_selling``).
  Its span is the link or the number, so that is what a moderator and the
  reader see highlighted.

The weights were set by reasoning and checked, never fitted, on the YouTube
and SMS spam sets and on C3 news comments (bench/promotion_quality.py,
docs/normalisation-and-rules.md); the selling mixes on the promotion fixture
(tests/fixtures/promotion: tuned on its even lines, checked on the odd ones).
"""

from __future__ import annotations

import json
import re
from bisect import bisect_left
from dataclasses import replace
from functools import cache
from pathlib import Path

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
# A domain with spaces around its dot ("marketglory . com/game",
# "www.youtube. com/watch"): a link written so that filters miss it.
# With a space on both sides of the dot, also the top-level domains that no
# sentence starts with ("cheapvisas . info", "phones . iq"): sloppy writers
# space their full stops too, and "a mistake . UK voters agree", "it was
# great . Live music" are sentences. ("Com" starts none.)
_SPACED_ONLY_TLDS = "info|biz|io|xyz|iq|krd|ir|sy|ae|eg|ru|tk|ml|cc|ly|gl|tv"
_SPACED_LINK = re.compile(
    r"(?<![\w.])[a-z0-9][a-z0-9-]{2,}"
    rf"(?:\s*\.\s+(?:com|net|org)|\s+\.\s+(?:{_SPACED_ONLY_TLDS}))\b(?:/[^\s<>\"']*)?"
)
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
    # Turkish grouping: 0532 123 45 67
    re.compile(r"0\d{3}[\s.-]?\d{3}[\s.-]?\d{2}[\s.-]?\d{2}"),
    # Digits spaced one by one to dodge filters: 0 7 5 0 1 2 3 4 5 6 7
    re.compile(r"(?:\d[\s.-]){6,14}\d"),
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
_LINK_HINT = re.compile(
    rf"https?:|www|\.(?:{_TLDS})\b|(?:youtu\.be|t\.me|wa\.me)/|watch\?v=|\.\s+(?:com|net|org)\b"
    rf"|\s\.\s+(?:{_SPACED_ONLY_TLDS})\b"
)
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
    for m in _SPACED_LINK.finditer(text):
        span = norm.original_span(*m.span())
        if not any(h.start <= span[0] < h.end for h in out):
            out.append(Hit("promotion", *span, HIDDEN_LINK_STRENGTH, "link"))
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


# --- addresses spelled out: "best-smm dot com", "name (at) gmail [dot] com" ------------

# Writers spell a web or e-mail address out so that link filters miss it:
# "dot", "(dot)", "[dot]", "[.]" ("d0t" arrives as "dot" from normalise.py)
# between its parts, and "at", "(at)", "[at]", " @ " before the domain. The
# address is written back as one ("best-smm.com", "name@gmail.com") in a copy
# of the normalised text, so that the link and e-mail rules above, and every
# mix built on them, read it exactly as they read the written address: a
# spelled-out news site ("Rudaw dot com reported it") weighs what
# "rudaw.com" does, one link, and an advertisement what its written twin
# does. (A dot with spaces round it, "marketglory . com", is _SPACED_LINK's.)
# The parts are ASCII: addresses are, in every language we moderate, and the
# separators are the English words that every language's spammers use.
_SPELLED_DOT = r"\s*[(\[{]\s*(?:dot|\.)\s*[)\]}]\s*|\s+dot\s+"
_SPELLED_AT = r"\s*[(\[{<]\s*(?:at|@)\s*[)\]}>]\s*|\s+@\s*|@\s+"
# "at" alone is the commonest preposition there is ("he works at Google dot
# com", "I live at home"): it joins an address only before a mail provider.
_BARE_AT = r"\s+at\s+"
_MAIL_PROVIDERS = frozenset(
    "gmail googlemail yahoo ymail rocketmail hotmail outlook msn aol icloud proton"
    " protonmail pm yandex mail gmx zoho tutanota tuta".split()
)
_LABEL = r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?"
_PART_SEPARATOR = rf"(?:{_SPELLED_DOT}|\.)"
# Spelled out, "dot co" and "dot me" are addresses; written, "co" and "me"
# are too often words after a missing space to be top-level domains.
_SPELLED_TLDS = rf"{_TLDS}|co|me"
# At most five labels before the ending ("mail.shop.example.co.uk"): an
# unbounded chain let "a dot a dot a dot ..." with no ending cost time in
# the square of its length (0.28 s for 5,000 characters); bounded, it is linear.
_SPELLED_DOMAIN = rf"{_LABEL}(?:{_PART_SEPARATOR}{_LABEL}){{0,4}}{_PART_SEPARATOR}(?:{_SPELLED_TLDS})(?![\w-]|\.\w)"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+@-])(?P<local>[a-z0-9](?:[a-z0-9._+-]*[a-z0-9])?)"
    rf"(?P<at>{_SPELLED_AT}|{_BARE_AT}|@)(?P<domain>{_SPELLED_DOMAIN})"
)
_SPELLED_LINK = re.compile(rf"(?<![\w@.-]){_SPELLED_DOMAIN}(?:/[^\s<>\"']*)?")
_SPELLED_DOT_RE = re.compile(_SPELLED_DOT)
# Cheap test first: most comments have no separator spelled out at all.
_SPELLED_HINT = re.compile(
    r"dot\b|[(\[{<]\s*(?:\.|at|@)\s*[)\]}>]|\s@|@\s"
    rf"|\bat\s+(?:{'|'.join(sorted(_MAIL_PROVIDERS))})\b"
)
# Words that stand before "dot com" or "at" in sentences, not in addresses:
# "the dot com bubble", "a dot com", "look at me at gmail dot com".
_NOT_AN_ADDRESS_PART = frozenset(
    "a an the this that these those my your his her its our their every each any no one"
    " and or but of in on at to for with by from as like is was are were be been not so"
    " i you we they he she it me us him them here there big early first last old little small"
    " works work worked working job account accounts look looking mail email e-mail write"
    " contact reach message good bad mad angry great better also even only just still now".split()
)


def _reads_as_a_word_before_at(local: str) -> bool:
    """Whether the word before a bare "at" is the sentence's ("looked at",
    "working at", "good at"), not an address's local part."""
    return local in _NOT_AN_ADDRESS_PART or local.endswith(("ed", "ing"))


# "the dot com boom" after an adjective the list above misses ("early dot com crash").
_DOT_COM_ERA = re.compile(
    r"\s*(?:bubble|boom|bust|crash|era|age|days|mania|companies|company|startups?"
    r"|millionaires?|stocks?|collapse|burst|years|generation)\b"
)


def _spelled_out_written(norm: Normalised) -> Normalised:
    """``norm`` with the addresses spelled out in it written as addresses.

    Only the separators change, and each written "." or "@" maps back to
    where its spelled separator began, so a hit's span is the reader's own
    "best-smm dot com".
    """
    text = norm.text
    if not _SPELLED_HINT.search(text):
        return norm
    # (start, end, written) for each separator spelled out, in text order.
    separators: list[tuple[int, int, str]] = []

    def dots(start: int, end: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), ".") for m in _SPELLED_DOT_RE.finditer(text, start, end)]

    taken: list[tuple[int, int]] = []
    for m in _SPELLED_EMAIL.finditer(text):
        at = m.group("at")
        domain_dots = dots(*m.span("domain"))
        if at == "@" and not domain_dots:
            continue  # a written address: the e-mail rule's already
        if at.strip() == "at" and (
            _reads_as_a_word_before_at(m.group("local"))
            or re.split(r"\W", m.group("domain"), maxsplit=1)[0] not in _MAIL_PROVIDERS
        ):
            continue
        if at != "@":
            separators.append((*m.span("at"), "@"))
        separators.extend(domain_dots)
        taken.append(m.span())
    for m in _SPELLED_LINK.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        link_dots = dots(*m.span())
        if not link_dots:
            continue
        first = text[m.start() : link_dots[0][0]]
        if first in _NOT_AN_ADDRESS_PART or _DOT_COM_ERA.match(text, m.end()):
            continue
        separators.extend(link_dots)
    if not separators:
        return norm
    separators.sort()
    out: list[str] = []
    to_original: list[int] = []
    done = 0
    for start, end, written in separators:
        out.append(text[done:start])
        to_original.extend(norm.to_original[done:start])
        out.append(written)
        to_original.append(norm.to_original[start])
        done = end
    out.append(text[done:])
    to_original.extend(norm.to_original[done:])
    return replace(norm, text="".join(out), to_original=tuple(to_original))


def promotion_hits(norm: Normalised, words: list[Hit]) -> list[Hit]:
    """Links and contact details in ``norm``, and the combined hits.

    ``words`` are the lexicons' promotion hits already found for the comment.
    """
    norm = _spelled_out_written(norm)
    signals = _profiles(norm, _links(norm) + _contacts(norm), words)
    signals += _asks_codes_and_earnings(norm)
    selves = _self_promotion(norm, words) + _bio_words(signals, words)
    selves += _more_self_promotion(norm, words + selves, signals)
    combined = _combined(signals, words + selves)
    if combined is not None:
        signals.append(combined)
    signals.extend(selves)
    selling = _selling(norm, signals)
    if selling:
        # The selling level is the comment's promotion score, not one more
        # piece of evidence: its hit only tops up what the words and links
        # above already add to (noisy-OR in the engine), so a "hold" mix is
        # never pushed into a rejection by the same link counted twice.
        miss = 1.0
        for hit in signals + words:
            miss *= 1.0 - hit.strength
        target = selling[0].strength
        top_up = 0.0 if 1.0 - miss >= target else 1.0 - (1.0 - target) / miss
        first = selling[0]
        signals.append(Hit(first.category, first.start, first.end, round(top_up, 4), first.rule))
        signals.extend(selling[1:])
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
    links = sum(h.rule in ("link", *_PLACES) for h in signals)
    contacts = sum(h.rule in ("email", "phone", "short_code") for h in signals)
    weight = sum(h.strength for h in words)
    # (A self-promotion hit topped up over a lexicon word inside it is a
    # whole self-promotion phrase, whatever its own top-up strength.)
    strongest = max(
        (SELF_STRENGTH if h.rule == "promotion:self" else h.strength for h in words), default=0.0
    )
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
    # The span a moderator sees highlighted: the link or the contact when
    # there is one (not the whole stretch from the first word to the last).
    every = signals or words
    start = min(h.start for h in every)
    end = max(h.end for h in every[:1] if signals) if signals else max(h.end for h in every)
    return Hit("promotion", start, end, round(strength, 4), "promotion:combined")


# --- self-promotion: the forms the lexicon's phrases miss ---------------------------

# Writers promoting themselves: inflected and split forms of what the
# lexicons list as whole phrases ("anybody who subscribes to me", "subscribe
# and like to me", "help me reach 100 subscribers", "I'm a rapper with 25000
# subscribers", "my new gaming channel"). Written from the YouTube videos we
# tune on (Psy, Katy Perry), never from LMFAO, the check video.
SELF_STRENGTH = 0.45
_SELF = re.compile(
    r"\bsu(?:b|bs|bscribe[sd]?|scribe|bcribe|bscibe|cscribe)\b[^.!?\n]{0,25}?\b(?:me|my|us|our)\b"
    r"|\b(?:reach|get|need|hit|have|with|gain)\b[^.!?\n]{0,15}?\d[\d,.]*k?\s*"
    r"(?:subscribers|subs|followers)\b"
    r"|\bi'?m\s+an?\s+(?:\d+\s*(?:yr|year)s?[\s-]*old\s+)?(?:young\s+|new\s+|upcoming\s+)?"
    r"(?:rapper|singer|producer|music producer|musician|youtuber|artist|dj|beatmaker)\b"
    r"|\b(?:my|our)\s+(?:new\s+|newest\s+|latest\s+|first\s+|gaming\s+|music\s+|youtube\s+)?"
    r"(?:channel|chanel|vids?|videos|covers?|mixtape|beats|remix(?:es)?|rap|raps|playlist"
    r"|parody|tracks?|hit song)\b"
    r"|\bi\s+(?:made|started|did)\s+an?\s+(?:new\s+)?(?:gaming\s+|music\s+|youtube\s+)?"
    r"(?:channel|cover|video|song)\b"
)


def _self_promotion(norm: Normalised, words: list[Hit]) -> list[Hit]:
    """At most one ``promotion:self`` hit, and none where the lexicons already
    found self-promotion (the same evidence is not counted twice)."""
    if any(h.strength >= SELF_STRENGTH for h in words):
        return []
    for m in _SELF.finditer(norm.text):
        start, end = norm.original_span(*m.span())
        if not any(h.start < end and start < h.end for h in words):
            return [Hit("promotion", start, end, SELF_STRENGTH, "promotion:self")]
    # The five languages' asks to follow the writer (selling.json "self":
    # "follow me on", "اشتركوا في قناتي", "kanalıma abone olun"). A weaker
    # lexicon word inside the phrase ("اشتركوا", 0.3) is the same evidence, so
    # the hit only tops it up to self-promotion's strength.
    for m in pointer_patterns()["self"].finditer(norm.text):
        start, end = norm.original_span(*m.span())
        inside = [h for h in words if h.start < end and start < h.end]
        return [Hit("promotion", start, end, _top_up(SELF_STRENGTH, inside), "promotion:self")]
    return []


def _top_up(target: float, hits: list[Hit]) -> float:
    """The strength that brings ``hits`` (noisy-OR) up to ``target``, or 0."""
    miss = 1.0
    for hit in hits:
        miss *= 1.0 - hit.strength
    return 0.0 if 1.0 - miss >= target else round(1.0 - (1.0 - target) / miss, 4)


# --- pointers to the writer: profiles, private messages, codes, earnings ----------

# Personal and commercial promotion that carries no address: the writer is
# found on a platform ("follow me on instagram @kurd_style", "link in bio"),
# by private message ("DM me for prices"), through a code ("use code KURD20")
# or by a promise of money ("earn $500 a day from home"). Each is one class
# of evidence whatever its language; the phrases are in selling.json (kinds
# below), the weights here. Alone, each names nothing sold and only holds at
# most: a moderator tells "DM me for prices" from a joke; with a deal or a
# selling action next to it, it is an advertisement and rejects (_selling).
POINTER_KINDS = ("platform", "self", "bio", "ask", "code", "earn", "period", "more", "pointer")
# The writer's bio is somewhere to go, as a link is: alone it never holds.
PROFILE_STRENGTH = 0.35
# A second sign of self-promotion next to one ("subscribe to my channel FOR
# MORE VIDEOS", "follow me ON TWITTER"): the two together hold; one alone
# ("subscribe to my channel") ranks high but stays below review.
MORE_SELF_STRENGTH = 0.3
ASK_STRENGTH = CODE_STRENGTH = EARNINGS_STRENGTH = BIO_WORDS_STRENGTH = 0.3
# The writer's places: a platform's handle ("profile"), the bio ("bio").
_PLACES = ("profile", "bio")
# How far a platform's name may stand from the handle it introduces
# ("instagram: @x", "@x on tiktok"), in characters of the reader's text.
PLATFORM_NEAR = 30


@cache
def pointer_patterns() -> dict[str, re.Pattern[str]]:
    """One regex per pointer kind of selling.json, every language at once."""
    spec = json.loads(SELLING_FILE.read_text(encoding="utf-8"))
    return {
        kind: _phrase_regex([w for words in spec[kind].values() for w in words])
        for kind in POINTER_KINDS
    }


def _profiles(norm: Normalised, signals: list[Hit], words: list[Hit]) -> list[Hit]:
    """``signals`` with each @handle that a platform's name, an ask to follow
    or a promotion phrase ("follow me @x") introduces made a ``profile``, and
    one ``bio`` hit for a pointer at the writer's bio ("link in bio"): where
    the writer's links wait. ``words`` are the lexicons' promotion words."""
    patterns = pointer_patterns()
    text = norm.text
    if "@" in text:
        named = [
            norm.original_span(*m.span())
            for kind in ("platform", "self")
            for m in patterns[kind].finditer(text)
        ]
        named += [(h.start, h.end) for h in words if h.strength >= 0.3]
        named.sort()
        signals = [
            replace(h, rule="profile") if h.rule == "handle" and _named_near(named, h) else h
            for h in signals
        ]
    bio = patterns["bio"].search(text)
    if bio:
        start, end = norm.original_span(*bio.span())
        signals.append(Hit("promotion", start, end, PROFILE_STRENGTH, "bio"))
    # A handle keeps its own weight (0.15) as a profile: its platform's name
    # makes it somewhere to go in the mixes, not stronger alone ("the
    # ministry's Twitter account @IraqiMoI" is news). A bio after a link is a
    # second place, graded as a second link is.
    if bio and any(h.rule == "link" for h in signals):
        signals[-1] = replace(signals[-1], strength=LINK_STRENGTHS[1])
    return signals


def _bio_words(signals: list[Hit], words: list[Hit]) -> list[Hit]:
    """A pointer at the writer's bio is also a selling phrase (0.3, as the
    lexicon's "link in bio" is), in every spelling the lexicons miss ("link
    in my bio", "الرابط في البروفايل", "profilimdeki link"): with the profile
    it points at, it holds."""
    return [
        Hit("promotion", h.start, h.end, BIO_WORDS_STRENGTH, "promotion:bio")
        for h in signals
        if h.rule == "bio" and not any(w.start < h.end and h.start < w.end for w in words)
    ][:1]


def _named_near(named: list[tuple[int, int]], handle: Hit) -> bool:
    """Whether a span of ``named`` (sorted) stands within PLATFORM_NEAR
    characters of ``handle``. (A bisection, not every pair: a comment of a
    thousand handles and platform names must not cost their product.)"""
    # (Phrases are far shorter than 200 characters: none that starts earlier
    # reaches the handle.)
    for i in range(bisect_left(named, (handle.start - PLATFORM_NEAR - 200, 0)), len(named)):
        start, end = named[i]
        if start > handle.end + PLATFORM_NEAR:
            return False
        if max(start, handle.start) - min(end, handle.end) <= PLATFORM_NEAR:
            return True
    return False


# A code is a word with letters and digits ("KURD20", "erbil15"): "the
# discount code scandal" names no code.
_CODE_TOKEN = re.compile(
    r"\s{0,3}[:=-]?\s{0,3}[\"'“«]?(?=[a-z]{0,15}\d)(?=\d{0,15}[a-z])[a-z0-9]{3,16}\b"
)
# The English earnings verbs are the imperative or a first or second
# person's ("earn $500 a day", "I make $300 a day", "you can earn"):
# "teachers earn 300 dollars a week" is news.
_ENGLISH_EARN = frozenset("earn make earning making".split())
_EARNER_BEFORE = re.compile(
    r"(?:^|[.!?,;:()\n-]\s*|\b(?:i|you|u|we|can|could|to|and|now|easily|will|also|just"
    r"|start|i'?m|am|are|we'?re|you'?ll|been)\s+)$"
)
# How far the money and the period may stand from the verb.
EARNINGS_NEAR = 50


def _asks_codes_and_earnings(norm: Normalised) -> list[Hit]:
    """At most one ``private`` hit (an ask for a private message with a
    purpose), one ``code`` (a discount or referral code) and one ``earnings``
    (an amount of money a day, a week or an hour, from home)."""
    patterns = pointer_patterns()
    text = norm.text
    out: list[Hit] = []
    ask = patterns["ask"].search(text)
    if ask:
        out.append(Hit("promotion", *norm.original_span(*ask.span()), ASK_STRENGTH, "private"))
    for m in patterns["code"].finditer(text):
        token = _CODE_TOKEN.match(text, m.end())
        if token:
            span = norm.original_span(m.start(), token.end())
            out.append(Hit("promotion", *span, CODE_STRENGTH, "code"))
            break
    if _DIGIT.search(text):
        for m in patterns["earn"].finditer(text):
            if m.group() in _ENGLISH_EARN and not _EARNER_BEFORE.search(
                text, max(0, m.start() - 12), m.start()
            ):
                continue
            lo, hi = max(0, m.start() - EARNINGS_NEAR), m.end() + EARNINGS_NEAR
            money = _PRICE_MONEY.search(text, lo, hi)
            period = money and patterns["period"].search(text, lo, hi)
            if period:
                start = min(m.start(), money.start(), period.start())
                end = max(m.end(), money.end(), period.end())
                out.append(
                    Hit("promotion", *norm.original_span(start, end), EARNINGS_STRENGTH, "earnings")
                )
                break
    return out


def _more_self_promotion(norm: Normalised, selves: list[Hit], signals: list[Hit]) -> list[Hit]:
    """One ``promotion:self-more`` hit for a second sign next to self-promotion:
    a promise of more ("for more videos", "للمزيد") or the platform the writer
    is on ("follow me on twitter"). ``selves`` are the comment's self-promotion
    words (0.45), ``signals`` its links and profiles."""
    patterns = pointer_patterns()
    own = [(h.start, h.end) for h in selves if h.strength >= SELF_STRENGTH]
    own += [(h.start, h.end) for h in signals if h.rule in _PLACES]
    # (Also where the lexicons' weaker words cover the ask: "subscribe to my"
    # and "my youtube", 0.3 each, are "subscribe to my youtube".)
    own += [
        norm.original_span(*m.span())
        for regex in (_SELF, patterns["self"])
        for m in regex.finditer(norm.text)
    ]
    if not own:
        return []
    for kind in ("more", "platform"):
        for m in patterns[kind].finditer(norm.text):
            span = norm.original_span(*m.span())
            # (Not the platform of a profile already counted: "instagram @x".)
            if kind == "platform" and any(h.rule in _PLACES for h in signals):
                break
            # (Inside the phrase counts too: "follow me on twitter" names the place.)
            if _near(own, [span]):
                return [Hit("promotion", *span, MORE_SELF_STRENGTH, "promotion:self-more")]
    return []


# --- selling: what advertisements say ------------------------------------------

SELLING_FILE = Path(__file__).with_name("selling.json")
SELLING_KINDS = ("action", "reach", "offer", "urgency")
# Strengths of the ``promotion:selling`` hit. The policy rejects promotion at
# 0.95 and holds at 0.6 (default_policy.toml).
SELLING_REJECT = 0.97  # a way to buy and a reason to: an advertisement
SELLING_NO_CONTACT = 0.96  # "call us today for 30% off": the seller's words alone
SELLING_HOLD = 0.9  # selling without the full mix: a moderator decides
SELLING_WEAK = 0.7

# A price: an amount with its currency, either side, or a percentage.
# (Digits are ASCII here: normalise.py folds Arabic-Indic ones; "ی" is "ي".)
_AMOUNT = r"\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?"
_CURRENCY = (
    r"\$|€|£|usd|iqd|tl|dollars?|dolar\w*|dinars?|d[iî]nar\w*|lira\w*|l[iî]re\w*|euros?"
    r"|دولار\w*|دۆلار\w*|دينار\w*|ليره|ليرة|ليرات|تومان|toman\w*"
)
_MONEY = (
    rf"(?<![\w.])(?:{_AMOUNT})\s?(?:bin|hezar|هزار|هەزار|الف|ألف|مليون|milyon)?\s?"
    rf"(?:{_CURRENCY})(?!\w)"
    rf"|(?:\$|€|£|usd|iqd)\s?(?:{_AMOUNT})"
)
_PRICE_MONEY = re.compile(_MONEY)
_PERCENT = r"(?<![\w.])\d{1,3}\s?[%٪]|[%٪]\s?\d{1,3}(?!\d)"
_PRICE = re.compile(f"{_MONEY}|{_PERCENT}")
# "Only $5", "sadece 199 TL", "تەنها بە ٥ دۆلار", "بـ 5 دولار فقط": a price
# offered is a deal; a price reported ("oil at $40") is not, and neither is
# "only 39%" (a statistic). Spelled as normalise.py leaves them ("tenê" is
# "tene", "ی" is "ي").
_ONLY = r"only|just|for only|for just|sadece|yalnizca|bi tene|tene|تەنها|تەنيا|فقط"
_PRICE_OFFERED = re.compile(
    rf"(?<!\w)(?:{_ONLY})\s+(?:(?:bi|بە|ب|بـ|for)\s?)?(?:{_MONEY})"
    rf"|(?:{_MONEY})\s+(?:فقط|only)(?!\w)"
)


def _phrase_regex(entries: list[str]) -> re.Pattern[str]:
    from .normalise import normalise

    # Grouped by first letter, each group in the phrases' own order (longest
    # first): at a given place only the group of its letter can match, so
    # this matches what one flat alternation of the phrases would, while the
    # regex engine skips a group on its first letter instead of trying ~200
    # alternatives, each behind a lookbehind, at every place in the text
    # (1.3 ms per comment before; issue 16). "(?<!\w)" before a phrase's
    # first letter is "(?<!\w.)" after it.
    groups: dict[str, list[str]] = {}
    for entry in sorted(set(entries), key=len, reverse=True):
        stem = entry.endswith("*")
        text = normalise(entry.rstrip("*")).text.strip()
        if not text:
            continue
        body = r"\s+".join(re.escape(token) for token in text.split())
        rest = body[len(re.escape(text[0])) :]
        end = r"\w*" if stem else (r"(?!\w)" if text[-1].isalnum() else "")
        groups.setdefault(text[0], []).append(f"{rest}{end}")
    parts = [
        f"{re.escape(first)}{'(?<!\\w.)' if first.isalnum() else ''}(?:{'|'.join(rests)})"
        for first, rests in groups.items()
    ]
    return re.compile("|".join(parts))


@cache
def selling_patterns() -> dict[str, re.Pattern[str]]:
    """One regex per kind, every language at once: advertisements mix
    languages, and the language of a short advertisement is often misread."""
    spec = json.loads(SELLING_FILE.read_text(encoding="utf-8"))
    return {
        kind: _phrase_regex([w for words in spec[kind].values() for w in words])
        for kind in SELLING_KINDS
    }


def _selling(norm: Normalised, signals: list[Hit]) -> list[Hit]:
    """The ``promotion:selling`` hits, when the comment reads like an advertisement.

    The mixes, strongest first (L a link, P a phone number, e-mail address
    or SMS code, H an @handle; A an action, R a reach word, O an offer,
    U urgency, $ a price), each within ``NEAR`` characters of each other:

    * (L or P) with A; (L or P) with O and ($ or U); P with O or $:
      rejected, and the link or number is the evidence;
    * A with O, nowhere to go ("call us today for 30% off"): rejected;
    * H with A or O; (L or P) with O; P with R ("call 0750…": a hotline or a
      seller); A with U; O with U and $: held;
    * O with U: held, weakly.

    A link alone, a price alone, "call on the government" alone: nothing
    here (a source link, the oil price, a civil request). The window keeps a
    long comment's "call us" in one paragraph and "discount" five
    paragraphs later from reading as an advertisement; advertisements are
    short and dense.
    """
    text = norm.text
    patterns = selling_patterns()

    def spans(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [norm.original_span(*m.span()) for m in pattern.finditer(text)]

    kinds = {kind: spans(patterns[kind]) for kind in SELLING_KINDS}
    price = spans(_PRICE)
    if price:
        kinds["offer"] += spans(_PRICE_OFFERED)
    # A link to a government, university or international body is a source,
    # not a shop: "book now online, but www.moi.gov.krd is down" is a complaint.
    link_texts = [(h, _norm_text_at(norm, h)) for h in signals if h.rule == "link"]
    links = [(h.start, h.end) for h, url in link_texts if not _SOURCE_DOMAIN.search(url)]
    # A shop's own address says what it sells ("cheapvisas.net", "best-smm.com").
    shops = [(h.start, h.end) for h, url in link_texts if _SHOP_NAME.search(_host_name(url))]
    links += [(h.start, h.end) for h in signals if h.rule in _PLACES]
    contacts = [(h.start, h.end) for h in signals if h.rule in ("phone", "email", "short_code")]
    handles = [(h.start, h.end) for h in signals if h.rule == "handle"]
    asks, codes, earnings = (
        [(h.start, h.end) for h in signals if h.rule == rule]
        for rule in ("private", "code", "earnings")
    )
    reach_out = links + contacts
    action, reach, offer, urgency = (kinds[k] for k in SELLING_KINDS)
    deal = offer + price
    if _near(reach_out, action) or (_near(reach_out, offer) and _near(offer, price + urgency)):
        strength = SELLING_REJECT
    elif _near(contacts, deal):
        strength = SELLING_REJECT
    elif (
        # A code with a deal, a private message for one, money promised with a
        # way to ask, a shop's address pointed at: what advertisements say.
        _near(codes, deal + action + asks)
        or _near(asks, deal + earnings)
        or _near(earnings, action + reach_out)
        or _near(shops, action + deal + urgency + spans(pointer_patterns()["pointer"]))
    ):
        strength = SELLING_REJECT
    elif _near(action, offer):
        strength = SELLING_NO_CONTACT
    elif (
        _near(handles, action + offer)
        or _near(reach_out, offer)
        # A number to call and nothing sold: a hotline or a seller; a person decides.
        or _near(contacts, reach)
        or _near(action, urgency)
        or (_near(offer, urgency) and _near(offer, price))
        # Each alone names nothing sold: "DM me for prices", "use code
        # KURD20", "earn $500 a day", "cheapvisas.net" are a moderator's.
        or asks
        or codes
        or earnings
        or shops
    ):
        strength = SELLING_HOLD
    elif _near(offer, urgency):
        strength = SELLING_WEAK
    else:
        return []
    # The evidence a reader and a moderator see: the link or the number
    # first (it carries the strength), then the seller's words (evidence only).
    where = (contacts + links + handles + codes + asks + earnings)[:1]
    words = [span[0] for span in (action, offer, price, urgency) if span]
    out = [Hit("promotion", s, e, strength, "promotion:selling") for s, e in where]
    for i, (s, e) in enumerate(words):
        first = not out and i == 0
        out.append(
            Hit(
                "promotion",
                s,
                e,
                strength if first else 0.0,
                "promotion:selling" if first else "promotion:selling-words",
            )
        )
    return out


# The name of a shop's address: what it sells or how cheaply ("cheapvisas",
# "phonedeals", "best-smm", "quickloans", "ucuzsaat"; "ucuz" is Turkish
# "cheap", "indirim" "discount"). Not "shop" in "workshop", "store" in "restore".
_SHOP_NAME = re.compile(
    r"cheap|deals|discount|offers|bargain|coupon|smm|followers|loans|casino|betting"
    r"|ucuz|indirim|outlet|(?<!work)shop|(?<!re)store"
)


def _host_name(url: str) -> str:
    """The address's host without its scheme, "www." and top-level domain:
    "https://www.cheapvisas.net/apply" is "cheapvisas"."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", url).split("/", 1)[0]
    return host.rsplit(".", 1)[0]


# Links that are sources, never a seller's address: government, education and
# international bodies (www.moi.gov.krd, un.int, uni.edu.iq).
_SOURCE_DOMAIN = re.compile(r"\.(?:gov|edu|int|mil)(?:\.[a-z]{2,3})?(?:[/:?#]|$)")


def _norm_text_at(norm: Normalised, hit: Hit) -> str:
    """The reader's link as normalised text would spell it (lower case)."""
    start = next((i for i, o in enumerate(norm.to_original) if o >= hit.start), 0)
    end = next((i for i, o in enumerate(norm.to_original) if o >= hit.end), len(norm.text))
    return norm.text[start:end]


# How close the parts of an advertisement stand (characters of the reader's text).
NEAR = 160


def _near(a: list[tuple[int, int]], b: list[tuple[int, int]], within: int = NEAR) -> bool:
    """Whether some span of ``a`` lies within ``within`` characters of some span of ``b``."""
    return any(
        max(s1, s2) - min(e1, e2) <= within for s1, e1 in a for s2, e2 in b if (s1, e1) != (s2, e2)
    )
