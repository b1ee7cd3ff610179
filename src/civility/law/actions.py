"""Every write of the law's side: one function each, one transaction each.

- ``file_notice``: a reader's notice that a published comment is illegal;
  the notifier is mailed a link to confirm their address (``confirm_contact``).
- ``decide_notice``: a moderator's finding (illegal / not illegal / breaks the
  guidelines only) with the legal ground and an explanation. A removal is a
  rejection in the comment's log, through ``comments.actions.decide``.
- ``file_appeal``: the author's one appeal, within ``CIVILITY_APPEAL_DAYS``,
  assigned to a moderator other than the one who decided.
- ``decide_appeal``: reversal or confirmation, a *new* decision in the log
  (or the sanction lifted), never an edit; the author is told why.
- ``set_legal_ground``: an editor names a clause's legal ground.

Mail is a background task queued in the same transaction (``mail.py``): a
failing mail server never undoes a decision.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from civility.background.enqueue import with_commit
from civility.commenters import actions as commenter_actions
from civility.commenters.models import Sanction
from civility.comments import actions as comment_actions
from civility.comments import roles
from civility.comments.models import Comment, CommentStatus, DecisionRecord
from civility.errors import NotFound, PermissionDenied, ValidationFailed

from . import mail
from .models import (
    Appeal,
    AppealStatus,
    LegalGround,
    Legality,
    Notice,
    NoticeEvent,
    NoticeEventKind,
    NoticeStatus,
)

LAW_MAX = 200
EXPLANATION_MAX = 4000
APPEAL_MAX = 1000
REASON_MAX = 2000


def _text(value, *, field: str, limit: int, required: bool = True, what: str = "") -> str:
    value = (value or "").strip()
    if required and not value:
        raise ValidationFailed(what or "This field is required.", field=field, code="required")
    if len(value) > limit:
        raise ValidationFailed(f"{limit} characters at most.", field=field, code="too_long")
    return value


# ---------------------------------------------------------------- notices ----


def file_notice(
    comment,
    *,
    law: str,
    explanation: str,
    good_faith: bool,
    contact_email: str,
    contact_name: str = "",
    now=None,
) -> Notice:
    """Record a notice on a published comment; mail the notifier a confirmation link."""
    law = _text(law, field="law", limit=LAW_MAX, what="Name the law, or the kind of illegality.")
    explanation = _text(
        explanation,
        field="explanation",
        limit=EXPLANATION_MAX,
        what="Explain why you believe the comment is illegal.",
    )
    if good_faith is not True:
        raise ValidationFailed(
            "Confirm that you believe in good faith that the notice is accurate and complete.",
            field="good_faith",
            code="good_faith_required",
        )
    contact_email = (contact_email or "").strip()
    if (
        "@" not in contact_email
        or len(contact_email) > 254
        or any(c.isspace() for c in contact_email)
    ):
        raise ValidationFailed(
            "Give an e-mail address for the outcome.", field="contact_email", code="invalid_email"
        )
    now = now or timezone.now()
    with transaction.atomic():
        found = Comment.objects.filter(
            pk=getattr(comment, "pk", comment), status=CommentStatus.APPROVED
        ).first()
        if found is None:
            raise NotFound("No such comment.", field="comment", code="comment_not_found")
        notice = Notice.objects.create(
            comment=found,
            law=law,
            explanation=explanation,
            good_faith=True,
            contact_name=(contact_name or "").strip()[:80],
            contact_email=contact_email,
            created_at=now,
        )
        NoticeEvent.objects.create(notice=notice, kind=NoticeEventKind.RECEIVED, created_at=now)
        with_commit(mail.send_notice_confirmation, notice.pk)
    return notice


confirm_token = mail.confirm_token


def confirm_contact(token: str, *, now=None) -> Notice:
    """The notifier opened the link: their address may be told the outcome (once)."""
    try:
        pk = signing.loads(token, salt=mail.CONFIRM_SALT)
    except signing.BadSignature:
        raise NotFound("This link is not valid.", code="notice_not_found") from None
    now = now or timezone.now()
    with transaction.atomic():
        notice = Notice.objects.select_for_update().filter(pk=pk).first()
        if notice is None:
            raise NotFound("This link is not valid.", code="notice_not_found")
        if notice.contact_confirmed_at is None:
            notice.contact_confirmed_at = now
            notice.save(update_fields=["contact_confirmed_at"])
            NoticeEvent.objects.create(
                notice=notice, kind=NoticeEventKind.CONFIRMED, created_at=now
            )
            if notice.status == NoticeStatus.DECIDED:  # decided before the notifier confirmed
                _tell_notifier(notice, now)
    return notice


def decide_notice(
    notice,
    *,
    actor,
    legality,
    legal_ground: str = "",
    explanation: str,
    clause_id: str = "",
    now=None,
) -> Notice:
    """A moderator's finding on a notice. Illegal or guidelines-only removes the
    comment (a rejection under ``clause_id``); not illegal leaves it as it is."""
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can decide on notices.")
    try:
        legality = Legality(legality)
    except ValueError:
        raise ValidationFailed(
            "Choose illegal, not illegal or breaks the guidelines only.",
            field="legality",
            code="invalid_legality",
        ) from None
    legal_ground = _text(
        legal_ground,
        field="legal_ground",
        limit=500,
        required=legality is Legality.ILLEGAL,
        what="Name the legal ground the comment breaks.",
    )
    explanation = _text(
        explanation, field="explanation", limit=EXPLANATION_MAX, what="Explain the decision."
    )
    now = now or timezone.now()
    with transaction.atomic():
        locked = Notice.objects.select_for_update().filter(pk=getattr(notice, "pk", notice)).first()
        if locked is None:
            raise NotFound("No such notice.", code="notice_not_found")
        if locked.status == NoticeStatus.DECIDED:
            raise ValidationFailed(
                "This notice was decided already.", field="notice", code="notice_decided"
            )
        record = None
        if legality is not Legality.NOT_ILLEGAL:
            what = (
                f"illegal ({legal_ground})"
                if legality is Legality.ILLEGAL
                else "breaks the guidelines"
            )
            record = comment_actions.decide(
                locked.comment_id,
                status=CommentStatus.REJECTED,
                actor=actor,
                clause_id=clause_id,
                note=f"notice {locked.pk}: {what}. {explanation}",
                now=now,
            )
        NoticeEvent.objects.create(
            notice=locked,
            kind=NoticeEventKind.DECIDED,
            legality=legality,
            legal_ground=legal_ground,
            explanation=explanation,
            actor=actor,
            decision=record,
            created_at=now,
        )
        locked.status, locked.legality, locked.decided_at = NoticeStatus.DECIDED, legality, now
        locked.save(update_fields=["status", "legality", "decided_at"])
        if locked.contact_confirmed_at is not None:
            _tell_notifier(locked, now)
    return locked


def _tell_notifier(notice: Notice, now) -> None:
    """Queue the outcome mail, once, and say so in the notice's history (locked row)."""
    if notice.events.filter(kind=NoticeEventKind.NOTIFIED).exists():
        return
    NoticeEvent.objects.create(notice=notice, kind=NoticeEventKind.NOTIFIED, created_at=now)
    with_commit(mail.send_notice_outcome, notice.pk)


# ---------------------------------------------------------------- appeals ----


def appeal_deadline(decided_at):
    return decided_at + timedelta(days=settings.CIVILITY_APPEAL_DAYS)


def appealable_decision(comment) -> DecisionRecord | None:
    """The rejection an author may appeal: the comment's latest decision, when it rejects."""
    latest = comment.latest_decision
    if latest is not None and latest.status == CommentStatus.REJECTED:
        return latest
    return None


def file_appeal(comment, *, text: str, sanction=None, now=None) -> Appeal:
    """The author's one appeal against their comment's rejection, or a sanction
    imposed from it. The caller has checked that the author is asking (the
    statement page's signed link)."""
    text = _text(text, field="text", limit=APPEAL_MAX, what="Say why the decision is wrong.")
    now = now or timezone.now()
    with transaction.atomic():
        source = (
            Comment.objects.select_for_update().filter(pk=getattr(comment, "pk", comment)).first()
        )
        if source is None:
            raise NotFound("No such comment.", code="comment_not_found")
        decision, decider, decided_at = None, None, None
        if sanction is not None:
            sanction = Sanction.objects.filter(
                pk=getattr(sanction, "pk", sanction), comment=source
            ).first()
            if sanction is None or sanction.lifted_at is not None:
                raise NotFound("No such sanction in force.", code="sanction_not_found")
            decider, decided_at = sanction.created_by, sanction.starts_at
        else:
            decision = appealable_decision(source)
            if decision is None:
                raise ValidationFailed(
                    "Only a rejected comment can be appealed.",
                    field="comment",
                    code="not_appealable",
                )
            decider, decided_at = decision.actor, decision.created_at
        if now > appeal_deadline(decided_at):
            raise ValidationFailed(
                "The time to appeal this decision has passed.", field="text", code="appeal_expired"
            )
        try:
            with transaction.atomic():
                appeal = Appeal.objects.create(
                    comment=source,
                    decision=decision,
                    sanction=sanction,
                    text=text,
                    assigned_to=_assignee(decider),
                    created_at=now,
                )
        except IntegrityError:
            raise ValidationFailed(
                "This decision was appealed already; an appeal is heard once.",
                field="text",
                code="appeal_exists",
            ) from None
    return appeal


def moderators():
    """Everyone who may decide: active members of the two groups, and superusers."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(groups__name__in=[roles.MODERATORS, roles.EDITORS]))
        .distinct()
    )


def _assignee(decider):
    """Another moderator than the decider, the one with fewest open appeals;
    the decider only when they are the site's one moderator; nobody if none."""
    people = list(moderators().order_by("pk"))
    open_counts = dict(
        Appeal.objects.filter(status=AppealStatus.OPEN)
        .values_list("assigned_to")
        .annotate(n=Count("id"))
        .values_list("assigned_to", "n")
    )
    others = [p for p in people if decider is None or p.pk != decider.pk]
    if others:
        return min(others, key=lambda p: (open_counts.get(p.pk, 0), p.pk))
    return decider


def decide_appeal(appeal, *, actor, reverse: bool, reason: str, now=None) -> Appeal:
    """Reverse or confirm: a new decision (or the sanction lifted), with the reason
    the author is sent. The moderator who decided may not hear the appeal while
    the site has another."""
    if not roles.is_moderator(actor):
        raise PermissionDenied("Only moderators can decide appeals.")
    reason = _text(reason, field="reason", limit=REASON_MAX, what="Say why, for the author.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = Appeal.objects.select_for_update().filter(pk=getattr(appeal, "pk", appeal)).first()
        if locked is None:
            raise NotFound("No such appeal.", code="appeal_not_found")
        if locked.status != AppealStatus.OPEN:
            raise ValidationFailed(
                "This appeal was decided already.", field="appeal", code="appeal_decided"
            )
        decider_id = (
            locked.sanction.created_by_id if locked.sanction_id else locked.decision.actor_id
        )
        if decider_id == actor.pk and moderators().exclude(pk=actor.pk).exists():
            raise PermissionDenied(
                "Another moderator hears the appeal against your own decision.",
                code="own_decision",
            )
        outcome = None
        note = f"appeal {locked.pk}: {'reversed' if reverse else 'confirmed'}. {reason}"
        if locked.sanction_id:
            if reverse:
                commenter_actions.lift_sanction(locked.sanction, actor=actor, reason=note, now=now)
        else:
            appealed = locked.decision
            if reverse:
                outcome = comment_actions.decide(
                    locked.comment_id,
                    status=CommentStatus.APPROVED,
                    actor=actor,
                    note=note,
                    now=now,
                    reverses=appealed,
                )
            else:
                outcome = comment_actions.decide(
                    locked.comment_id,
                    status=CommentStatus.REJECTED,
                    actor=actor,
                    clause_id=appealed.clause_id,
                    note=note,
                    now=now,
                )
        locked.status = AppealStatus.REVERSED if reverse else AppealStatus.CONFIRMED
        locked.outcome, locked.reason = outcome, reason
        locked.decided_by, locked.decided_at = actor, now
        locked.save(update_fields=["status", "outcome", "reason", "decided_by", "decided_at"])
        with_commit(mail.send_appeal_outcome, locked.pk)
    return locked


# ----------------------------------------------------------- legal grounds ----


def set_legal_ground(clause_id: str, legal_ground: str, *, actor) -> LegalGround | None:
    """An editor names (or, with an empty text, removes) a clause's legal ground."""
    if not (
        getattr(actor, "is_superuser", False) or actor.groups.filter(name=roles.EDITORS).exists()
    ):
        raise PermissionDenied("Only editors name legal grounds.")
    legal_ground = (legal_ground or "").strip()[:500]
    with transaction.atomic():
        if not legal_ground:
            LegalGround.objects.filter(clause_id=clause_id).delete()
            return None
        found, _ = LegalGround.objects.update_or_create(
            clause_id=clause_id, defaults={"legal_ground": legal_ground}
        )
    return found
