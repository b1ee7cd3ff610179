"""The decision list: every check that can refuse, hold or answer a comment, in order.

One ordered list, as Coral's moderation phases are: the site's own checks
(this module, on the web side) around the engine's steps (``civility.
moderation.pipeline.DEFAULT_STEPS``, which knows nothing of Django and is run
whole by ``moderate``). docs/pipeline.md shows the whole list on one page.

Each step takes the ``Posting`` so far and returns it, changed or not. A step
refuses by raising a ``CivilityError`` (it carries its HTTP status); a step
that already knows the answer sets ``answer``, which ends the run, as the
first Coral phase to decide a status ends its run (a repeat is answered so
too, found under the insert's lock: comments/actions.record_comment). A step lists the
doors it serves in ``doors``; the others pass it by (a pre-submit check is
not rate-limited like a post, the demo's own samples are not limited at all).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator

from civility import rows
from civility.abuse import identity, textrules
from civility.abuse import rate_limits as limits
from civility.articles import closing
from civility.commenters import lookup as commenter_sanctions
from civility.comments import vocabulary
from civility.comments.models import Comment, CommentStatus
from civility.errors import (
    ArticleClosed,
    NotFound,
    Sanctioned,
    UnsupportedMediaType,
    ValidationFailed,
)
from civility.guidelines import site_policy
from civility.moderation.context import Article as EngineArticle
from civility.privacy.addresses import hash_ip
from civility.readers import trust

from .submission import Door, Submission

log = logging.getLogger(__name__)

NAME_MAX = 80
EMAIL_MAX = 254
# A second identical submission within this window answers with the first.
DUPLICATE_WINDOW = timedelta(minutes=10)
# How many of the author's recent comments the engine sees for its repeat rule.
RECENT_TEXTS = 20

EVERY_DOOR = frozenset(Door)
READERS_DOORS = frozenset({Door.FORM, Door.API, Door.WIDGET})
JSON_DOORS = frozenset({Door.API, Door.WIDGET, Door.PRECHECK})
POSTING_DOORS = EVERY_DOOR - {Door.PRECHECK}


@dataclass(frozen=True)
class Posting:
    """One submission on its way through the list (steps return a changed copy)."""

    submission: Submission
    now: datetime
    author_name: str = ""
    author_email: str = ""
    text: str = ""
    parent: Comment | None = None
    content_hash: str = ""
    verdict: Any = None  # the engine's Verdict; None until asked, or when it failed
    # The first decision record's fields (status, suggested, clause...), set by moderate.
    decision: dict = field(default_factory=dict)
    # A comment already stored that answers this submission (a repeat); ends the run.
    answer: Comment | None = None
    # An "always pre-moderate" sanction on the poster, found by ``sanctions``
    # and applied by ``sanction_hold`` once the engine has decided.
    premoderated_by: Any = None

    @property
    def door(self) -> Door:
        return self.submission.door


Step = Callable[[Posting], Posting]


def serves(*doors: Door | Iterable[Door]):
    """Mark the doors a step serves (every door unless marked)."""
    wanted = frozenset(
        d for group in doors for d in ((group,) if isinstance(group, Door) else group)
    )

    def mark(step: Step) -> Step:
        step.doors = wanted
        return step

    return mark


# --- the site's steps, in the order they run -------------------------------------


@serves(JSON_DOORS)
def cross_site(p: Posting) -> Posting:
    """A JSON door takes JSON only, from a program or a page of a trusted site (415/403).

    A page on any other site can make its visitors' browsers send a "simple"
    request (``text/plain``, no preflight, ``mode: "no-cors"``) to any
    address: each visitor would post from their own IP address, past the
    per-address limit. Requiring ``application/json`` makes the browser ask
    first (a CORS preflight), which only the widget's sites are answered;
    and a browser's post names its page's ``Origin``, which must be this
    site, a ``CIVILITY_CSRF_TRUSTED_ORIGINS`` entry or (the widget) one of
    its site's origins. A program sends no ``Origin``: its own address is
    what it spends.
    """
    sender = p.submission.sender
    if sender is None:  # a JSON door that does not say who sent it is refused, never let by
        raise UnsupportedMediaType(field="content_type")
    sender.check()
    return p


@serves(EVERY_DOOR)
def article_open(p: Posting) -> Posting:
    """A closed thread refuses everything, before any other work (409).

    An article an editor has not approved yet (``Article.held``: created
    from a page's own metadata) has no thread at all: 404, as if absent.
    """
    if getattr(p.submission.article, "held", False):
        raise NotFound("No such article.", code="article_not_found", field="article")
    if not closing.is_open(p.submission.article, p.now):
        raise ArticleClosed(field="article")
    return p


@serves(POSTING_DOORS)
def sanctions(p: Posting) -> Posting:
    """A suspended or banned commenter is refused (403, saying until when); one a
    moderator always pre-moderates is noted here and held by ``sanction_hold``.

    Matched by the mailbox key (any spelling of the address), the signed-in
    reader, and briefly the address hash (commenters/lookup.py)."""
    s = p.submission
    found = commenter_sanctions.sanction_for(
        author_email=s.author_email or "",
        reader_id=getattr(s.reader, "pk", None),
        ip_hash=hash_ip(s.ip_address) or "",
        now=p.now,
    )
    if found is None:
        return p
    if found.refuses:
        raise Sanctioned(until=found.ends_at)
    return replace(p, premoderated_by=found)


@serves(EVERY_DOOR)
def well_formed(p: Posting) -> Posting:
    """Name, e-mail and text: present, not too long, no invisible tricks (422).

    The e-mail is optional unless the reader asks to be told the outcome or
    the site requires it (``email_required``); one that is given must be an
    address.

    Characters are refused, never stripped: a comment is stored as written
    (abuse/textrules.py). A pre-submit check has only a text, and an empty
    one is simply nothing to warn about.
    """
    s = p.submission
    # Line endings are transport, not content; the text is otherwise stored as written.
    text = (s.text or "").replace("\r\n", "\n").replace("\r", "\n")
    max_chars = settings.CIVILITY_COMMENT_MAX_CHARS
    if p.door is Door.PRECHECK:
        if len(text) > max_chars:
            raise _too_long(text, max_chars)
        return replace(p, text=text)
    text = text.strip()
    name = (s.author_name or "").strip()
    email = (s.author_email or "").strip()
    if not name:
        raise ValidationFailed("Please enter your name.", field="author_name", code="required")
    if len(name) > NAME_MAX:
        raise ValidationFailed(
            f"Your name can be {NAME_MAX} characters at most.", field="author_name", code="too_long"
        )
    if not email and email_required(s.notify):
        raise ValidationFailed("Please enter your email.", field="author_email", code="required")
    if email:
        _check_email(email)
    if not text:
        raise ValidationFailed("Please write a comment.", field="text", code="required")
    if len(text) > max_chars:
        raise _too_long(text, max_chars)
    # One line each: both reach e-mail (a greeting, a recipient), where a line
    # break would let the sender write text of their own (issue 12, item 4).
    textrules.check_text(name, field="author_name", one_line=True)
    if email:
        textrules.check_text(email, field="author_email", one_line=True)
    textrules.check_text(
        text, field="text", max_bytes=getattr(settings, "CIVILITY_COMMENT_MAX_BYTES", None)
    )
    return replace(p, author_name=name, author_email=email, text=text)


def email_required(notify: bool) -> bool:
    """The seed's form asks for a name and the comment; the e-mail only when the
    reader asks to be told the outcome, or the site asks everyone for one
    (``CIVILITY_EMAIL_REQUIRED``)."""
    return bool(notify) or bool(getattr(settings, "CIVILITY_EMAIL_REQUIRED", False))


def _check_email(email: str) -> None:
    if len(email) > EMAIL_MAX:
        raise ValidationFailed(
            "This email address is too long.", field="author_email", code="too_long"
        )
    try:
        EmailValidator()(email)
    except ValidationError:
        raise ValidationFailed(
            "Please enter a valid email address.", field="author_email", code="invalid_email"
        ) from None


def _too_long(text: str, max_chars: int) -> ValidationFailed:
    return ValidationFailed(
        f"Your comment can be {max_chars:,} characters at most (it has {len(text):,}).",
        field="text",
        code="too_long",
    )


@serves(POSTING_DOORS)
def reply_target(p: Posting) -> Posting:
    """A reply answers a published comment of the same article (422 otherwise)."""
    parent = p.submission.parent
    if parent is None or parent == "":
        return p
    if not isinstance(parent, Comment):
        try:
            pk = int(parent)
            if not 0 < pk < 2**63:  # PostgreSQL's bigint would raise, not miss
                raise ValueError(pk)
            parent = Comment.objects.get(pk=pk)
        except (Comment.DoesNotExist, TypeError, ValueError, OverflowError):
            raise ValidationFailed(
                "No such comment to reply to.", field="parent_id", code="not_found"
            ) from None
    if parent.article_id != p.submission.article.pk or parent.status != CommentStatus.APPROVED:
        raise ValidationFailed(
            "You can only reply to a published comment on this article.",
            field="parent_id",
            code="invalid_parent",
        )
    if reply_depth(parent) > int(getattr(settings, "CIVILITY_REPLY_DEPTH", 1)):
        # The thread shows replies this deep only (threads/tree.py offers no
        # Reply below); the API and a stale page must not build deeper ones.
        raise ValidationFailed(
            "Replies go no deeper here: reply to the comment above instead.",
            field="parent_id",
            code="reply_too_deep",
        )
    return replace(p, parent=parent)


def reply_depth(parent: Comment) -> int:
    """How deep a reply to ``parent`` would be shown: 1 under a top-level comment.

    As the thread lays it out: a comment whose parent is no longer published
    is shown at the top level, so the count stops at the first ancestor that
    is not published. A few queries at most (as deep as the setting allows).
    """
    depth, above = 1, parent
    limit = int(getattr(settings, "CIVILITY_REPLY_DEPTH", 1))
    while above.parent_id is not None and depth <= limit:
        above = Comment.objects.filter(pk=above.parent_id).only("parent_id", "status").first()
        if above is None or above.status != CommentStatus.APPROVED:
            break
        depth += 1
    return depth


@serves(READERS_DOORS | {Door.PRECHECK})
def rate_limits(p: Posting) -> Posting:
    """Volume: per address, per e-mail, per text; a check has its own allowance (429)."""
    ip = p.submission.ip_address or ""
    if p.door is Door.PRECHECK:
        if ip:
            limits.hit("precheck", ip, settings.CIVILITY_RATE_LIMIT_PRECHECK)
        return p
    limits.check_posting(ip=ip, email=p.author_email, text=p.text)
    return p


@serves(POSTING_DOORS)
def repeat(p: Posting) -> Posting:
    """The same text from the same mailbox on the same article within ten minutes
    (a double click, a resend after a lost answer) answers with the first comment.

    "The same" as every limit counts it: one key per mailbox, the engine's
    text identity (abuse/identity.py, rate_limits.text_key). This step sets
    the comment's ``content_hash``; the one look for an earlier comment with
    it is made under the insert's lock (``repeat_of``, asked by
    comments/actions.record_comment), where two posts at once are told apart
    too: one statement per post, not two. A repeat is moderated again before
    it is found (a double click costs the engine's time), and answered with
    the first comment all the same; nothing is stored.
    """
    text = limits.text_key(p.text)
    key = f"{p.submission.article.pk}\n{_poster_key(p)}\n{text}"
    return replace(p, content_hash=hashlib.sha256(key.encode()).hexdigest())


def _poster_key(p: Posting) -> str:
    """Who "the same poster" is for ``repeat``: the mailbox; without an e-mail
    (it is optional) the signed-in reader, else the address's hash, so two
    readers who post the same short words without an e-mail stay two comments."""
    if p.author_email:
        return identity.email(p.author_email)
    if p.submission.reader is not None:
        return f"reader:{p.submission.reader.pk}"
    return f"ip:{hash_ip(p.submission.ip_address) or ''}"


def repeat_of(p: Posting) -> Comment | None:
    """The first comment this posting repeats, if any (asked under the insert's lock).

    One compiled SELECT of the id (civility/rows.py: the ORM's compile cost
    ten times the statement, and this runs while SQLite's write lock is
    held); the comment itself is read only when there is one, which is rare.
    """
    first = rows.first_pk(
        Comment,
        {
            "content_hash =": p.content_hash,
            "created_at >=": p.now - DUPLICATE_WINDOW,
            "article =": p.submission.article.pk,
        },
        order_by="created_at",
    )
    return None if first is None else Comment.objects.get(pk=first)


@serves(EVERY_DOOR)
def moderate(p: Posting) -> Posting:
    """The engine's own list (civility.moderation.pipeline.DEFAULT_STEPS), whole.

    Pre-moderation fails closed: whatever goes wrong here holds the comment
    for a person and the decision's note says why. (A pre-submit check,
    which stores nothing, then simply has no warning to give.)
    """
    if not p.text.strip():
        return p
    article = p.submission.article
    try:
        engine = p.submission.engine or site_policy.site_engine()
        options = {}
        if p.door is not Door.PRECHECK:
            options = {
                "parent_text": p.parent.text if p.parent is not None else None,
                "recent_texts": _recent_texts(p.author_email, p.now),
                "now": p.now,
            }
        verdict = engine.moderate(
            p.text,
            article=EngineArticle(article.title, article.body, article.language),
            lang=article.language,
            **options,
        )
        vocabulary.status_of(verdict.decision)  # an unknown decision is a failure
    except Exception as exc:  # noqa: BLE001 - fail closed: hold, log, go on
        log.exception("moderation failed; holding the comment for review")
        note = f"moderation failed, held for review: {type(exc).__name__}: {exc}"
        return replace(p, verdict=None, decision=held_for_review(note))
    return replace(p, verdict=verdict, decision=decision_of(verdict))


def _recent_texts(email: str, now: datetime) -> tuple[str, ...]:
    if not email:  # no e-mail: no way to know which earlier comments were theirs
        return ()
    # Compiled once (civility/rows.py): the ORM's compile cost more than the query.
    return tuple(
        rows.select(
            Comment,
            "text",
            {"author_email =": email, "created_at >=": now - timedelta(days=1)},
            order_by=("-created_at",),
            limit=RECENT_TEXTS,
        )
    )


def held_for_review(note: str) -> dict:
    return {
        "status": CommentStatus.PENDING,
        "suggested": "review",
        "note": note,
        "scores": {},
        "evidence": [],
    }


def decision_of(verdict) -> dict:
    """The first decision record's fields for the engine's verdict."""
    reasons = list(verdict.reasons)
    top = reasons[0] if reasons else None
    return {
        "status": vocabulary.status_of(verdict.decision),
        "suggested": str(verdict.decision),
        "clause_id": top.clause_id if top else "",
        "guideline": top.guideline if top else "",
        "category": top.category if top else "",
        "scores": verdict.to_json()["scores"],
        "evidence": [{**r.to_json(), "clause_id": r.clause_id} for r in reasons],
        "engine_version": verdict.model or "",
        "note": "; ".join(verdict.errors or ()),
    }


@serves(POSTING_DOORS)
def reader_trust(p: Posting) -> Posting:
    """A signed-in reader's record may hold a new reader's comment or publish a
    trusted reader's borderline one (readers/trust.py); never softens a rejection."""
    if p.submission.reader is None:
        return p
    return replace(p, decision=trust.adjust(p.decision, p.submission.reader))


@serves(POSTING_DOORS)
def sanction_hold(p: Posting) -> Posting:
    """A commenter under an "always pre-moderate" sanction is held for a person,
    whatever the engine and the trust rules said; a rejection stays one."""
    if p.premoderated_by is None or p.decision.get("status") != CommentStatus.APPROVED:
        return p
    note = f"always pre-moderated (sanction {p.premoderated_by.pk}): held for review"
    previous = p.decision.get("note") or ""
    return replace(
        p,
        decision={
            **p.decision,
            "status": CommentStatus.PENDING,
            "note": "; ".join(part for part in (previous, note) if part),
        },
    )


# Why this order:
# 0. cross_site first: a post another site's page made a visitor's browser send
#    is refused before it learns anything or counts against anyone.
# 1. article_open: a closed thread refuses before anything is counted or run.
# 2. sanctions next: a banned commenter learns nothing more about the checks.
# 3. well_formed, reply_target: the input itself (the doors parsed it; this is
#    the authority), before it is counted against anyone's allowance.
# 4. rate_limits: counts only well-formed posts, and before the expensive engine.
# 5. repeat: the comment's content hash; a double click or a resend answers with
#    the first comment, found under the insert's lock (record_comment); after the
#    limits, so resending cannot be used to probe for free.
# 6. moderate: the engine's own steps (normalise → language → rules → repeat →
#    classifiers → combine → relevance → policy → decide), fail closed.
# 7. reader_trust: it adjusts the engine's decision, so it needs one.
# 8. sanction_hold last: a moderator's "always pre-moderate" outranks trust.
# Then the service stores the comment and its first decision in one
# transaction (comments/actions.record_comment) and answers.
SITE_STEPS: tuple[Step, ...] = (
    cross_site,
    article_open,
    sanctions,
    well_formed,
    reply_target,
    rate_limits,
    repeat,
    moderate,
    reader_trust,
    sanction_hold,
)


def run(posting: Posting, steps: Iterable[Step] = SITE_STEPS) -> Posting:
    """Run the steps that serve this door, in order, until one answers or refuses."""
    for step in steps:
        if posting.door in getattr(step, "doors", EVERY_DOOR):
            posting = step(posting)
            if posting.answer is not None:
                break
    return posting
