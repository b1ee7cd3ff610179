"""The transparency report (DSA art. 15 and 24) and the EU statement-of-reasons export.

``report(start, end)`` counts, for decisions made in [start, end): the
restricting decisions (rejections, comments hidden after reports) by
clause and by automated vs person, the median time from posting to a
person's decision, notices received and their outcomes, appeals and
reversals, sanctions by kind. ``sor_rows`` gives one statement of reasons
per restricting decision and sanction, in the EU database's field list
(``sor_fields.py``): no name, address or comment text, only what that
format asks. ``civility transparency`` (cli/transparency.py) and the desk's
Transparency page (moderators/law.py) both read these.
"""

from __future__ import annotations

import csv
import io
import statistics
from collections import Counter
from datetime import UTC, datetime

from django.conf import settings
from django.db.models import Q

from civility.commenters.models import Sanction, SanctionKind
from civility.comments.models import CommentStatus, DecisionRecord

from . import sor_fields
from .models import Appeal, AppealStatus, Legality, Notice, NoticeEvent
from .statements import facts_of, legal_ground_of

RESTRICTING = Q(status=CommentStatus.REJECTED) | Q(status=CommentStatus.PENDING, category="reports")

# Clause → the EU category. Guideline breaches that are not one of the
# Act's named harms are violations of the terms of service.
CATEGORY_OF_CLAUSE = {
    "promotion": "STATEMENT_CATEGORY_VIOLATION_TOS",
    "abuse": "STATEMENT_CATEGORY_DISCRIMINATION",
}


def _median_seconds(values: list[float]) -> float | None:
    return round(statistics.median(values), 1) if values else None


def report(start: datetime, end: datetime) -> dict:
    decisions = DecisionRecord.objects.filter(created_at__gte=start, created_at__lt=end)
    restricting = list(decisions.filter(RESTRICTING).select_related("comment"))
    by_person = [
        (d.created_at - d.comment.created_at).total_seconds()
        for d in decisions.filter(actor__isnull=False).select_related("comment")
    ]
    notices = Notice.objects.filter(created_at__gte=start, created_at__lt=end)
    decided_notices = [n for n in notices if n.decided_at]
    appeals = Appeal.objects.filter(created_at__gte=start, created_at__lt=end)
    sanctions = Sanction.objects.filter(starts_at__gte=start, starts_at__lt=end)
    return {
        "from": start.isoformat(),
        "to": end.isoformat(),
        "decisions": {
            "total": decisions.count(),
            "restricting": len(restricting),
            "by_clause": dict(Counter(d.clause_id or "(none)" for d in restricting).most_common()),
            "automated": sum(1 for d in restricting if d.actor_id is None),
            "by_person": sum(1 for d in restricting if d.actor_id is not None),
            "median_seconds_to_person_decision": _median_seconds(by_person),
        },
        "notices": {
            "received": notices.count(),
            "open": notices.filter(decided_at__isnull=True).count(),
            "outcomes": {
                legality: sum(1 for n in decided_notices if n.legality == legality)
                for legality in Legality.values
            },
            "median_seconds_to_decision": _median_seconds(
                [(n.decided_at - n.created_at).total_seconds() for n in decided_notices]
            ),
        },
        "appeals": {
            "received": appeals.count(),
            "open": appeals.filter(status=AppealStatus.OPEN).count(),
            "reversed": appeals.filter(status=AppealStatus.REVERSED).count(),
            "confirmed": appeals.filter(status=AppealStatus.CONFIRMED).count(),
            "median_seconds_to_decision": _median_seconds(
                [
                    (a.decided_at - a.created_at).total_seconds()
                    for a in appeals.filter(decided_at__isnull=False)
                ]
            ),
        },
        "sanctions": {
            "imposed": sanctions.count(),
            "by_kind": {kind: sanctions.filter(kind=kind).count() for kind in SanctionKind.values},
            "lifted": sanctions.filter(lifted_at__isnull=False).count(),
        },
    }


def _date(value: datetime | None) -> str | None:
    return value.astimezone(UTC).strftime(sor_fields.DATE_FORMAT) if value else None


def _url(decision_or_sanction_comment) -> str:
    base = (getattr(settings, "CIVILITY_SITE_URL", "") or "").rstrip("/")
    article = decision_or_sanction_comment.article
    return f"{base}{article.get_absolute_url()}"


def _blank() -> dict:
    return dict.fromkeys(sor_fields.SOR_FIELDS)


def sor_of_decision(decision: DecisionRecord) -> dict:
    """One restricting decision in the EU statement-of-reasons shape."""
    comment = decision.comment
    notice = NoticeEvent.objects.filter(decision=decision).first()
    illegal = notice is not None and notice.legality == Legality.ILLEGAL
    facts = facts_of(decision, comment.text)
    row = _blank()
    row.update(
        decision_visibility=(
            "DECISION_VISIBILITY_CONTENT_REMOVED"
            if decision.status == CommentStatus.REJECTED
            else "DECISION_VISIBILITY_CONTENT_DISABLED"
        ),
        content_type=["CONTENT_TYPE_TEXT"],
        category=CATEGORY_OF_CLAUSE.get(decision.clause_id, "STATEMENT_CATEGORY_VIOLATION_TOS"),
        application_date=_date(decision.created_at),
        # The quoted spans are the author's words: the export counts them, never quotes them.
        decision_facts=_facts_without_text(decision, facts),
        source_type="SOURCE_ARTICLE_16" if notice is not None else "SOURCE_VOLUNTARY",
        automated_detection="No" if notice is not None or decision.category == "reports" else "Yes",
        automated_decision="Yes" if decision.actor_id is None else "No",
        url=_url(comment),
        puid=f"comment-{comment.pk}-decision-{decision.pk}",
    )
    if illegal:
        row.update(
            decision_ground="DECISION_GROUND_ILLEGAL_CONTENT",
            illegal_content_legal_ground=notice.legal_ground,
            illegal_content_explanation=notice.explanation,
        )
    else:
        row.update(
            decision_ground="DECISION_GROUND_INCOMPATIBLE_CONTENT",
            incompatible_content_ground=f"Community guidelines, clause {decision.clause_id}: "
            f"{decision.guideline}"[:500],
            incompatible_content_explanation=(
                notice.explanation if notice is not None else row["decision_facts"]
            )[:2000],
            incompatible_content_illegal="Yes" if legal_ground_of(decision) else "No",
        )
    return row


def _facts_without_text(decision: DecisionRecord, facts: list[str]) -> str:
    if decision.category == "reports":
        return "; ".join(facts)
    spans = sum(len(r.get("evidence") or []) for r in decision.evidence or [])
    who = "the automatic moderation" if decision.actor_id is None else "a moderator"
    found = f"Decided by {who} under the clause cited"
    if spans:
        found += f"; {spans} passage(s) of the comment matched the clause"
    return found + "."


def sor_of_sanction(sanction: Sanction) -> dict:
    row = _blank()
    if sanction.kind == SanctionKind.PREMODERATE:
        row.update(
            decision_visibility="DECISION_VISIBILITY_OTHER",
            decision_visibility_other="Every comment held for a moderator before publication",
        )
    else:
        row.update(
            decision_account=(
                "DECISION_ACCOUNT_SUSPENDED"
                if sanction.kind == SanctionKind.SUSPEND
                else "DECISION_ACCOUNT_TERMINATED"
            )
        )
    row.update(
        decision_ground="DECISION_GROUND_INCOMPATIBLE_CONTENT",
        incompatible_content_ground="Community guidelines: repeated or grave breaches",
        incompatible_content_explanation=sanction.reason[:2000],
        incompatible_content_illegal="No",
        content_type=["CONTENT_TYPE_TEXT"],
        category="STATEMENT_CATEGORY_VIOLATION_TOS",
        application_date=_date(sanction.starts_at),
        end_date=_date(sanction.ends_at),
        decision_facts=sanction.reason[:5000],
        source_type="SOURCE_VOLUNTARY",
        automated_detection="No",
        automated_decision="No",
        url=_url(sanction.comment) if sanction.comment_id else "",
        puid=f"sanction-{sanction.pk}",
    )
    return row


def sor_rows(start: datetime, end: datetime) -> list[dict]:
    decisions = (
        DecisionRecord.objects.filter(RESTRICTING, created_at__gte=start, created_at__lt=end)
        .select_related("comment__article")
        .order_by("created_at", "id")
    )
    sanctions = Sanction.objects.filter(starts_at__gte=start, starts_at__lt=end).select_related(
        "comment__article"
    )
    return [sor_of_decision(d) for d in decisions] + [sor_of_sanction(s) for s in sanctions]


def sor_csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=sor_fields.SOR_FIELDS)
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: ",".join(v) if isinstance(v, list) else ("" if v is None else v)
                for k, v in row.items()
            }
        )
    return out.getvalue()
