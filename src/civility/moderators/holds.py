"""Why a comment is held, in words a moderator can act on, for every reason.

Read from the system's decision as the record keeps it (its reasons with
scores, its note) and from the policy's language modes, so the queue says
what the command line says: a clause with its score; relevance with its
score and the article's and the comment's languages; the language rule; the
trust rule; a sanction; reader reports; a moderation that failed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from civility.i18n import clause_text
from civility.moderation.categories import OFF_TOPIC
from civility.moderation.policy import LanguageMode


@dataclass(frozen=True)
class HoldReason:
    kind: str  # clause, relevance, language, trust, sanction, reports, failure, none
    text: str


def language_name(code: str) -> str:
    if not code or code == "und":
        return _("an unidentified language")
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code


def hold_reasons(comment, system, policy) -> list[HoldReason]:
    """Why ``comment`` waits for a person, given its latest system decision."""
    if system is None:
        return []
    note = system.note or ""
    found: list[HoldReason] = []
    if note.startswith("moderation failed") or (system.suggested == "review" and "error" in note):
        found.append(
            HoldReason(
                "failure", _("Moderation failed, so a person decides: %(note)s") % {"note": note}
            )
        )
    if system.category == "reports":
        found.append(HoldReason("reports", _("Readers reported it: %(note)s") % {"note": note}))
    if "always pre-moderated" in note:
        found.append(HoldReason("sanction", _("Its author is always pre-moderated (a sanction).")))
    if "new reader" in note:
        found.append(
            HoldReason(
                "trust",
                _("Trust rule: a new signed-in reader is held (%(note)s).") % {"note": note},
            )
        )
    if system.category != "reports":
        found += _clause_reasons(comment, system)
    explained = {"clause", "relevance", "failure", "reports"}
    if system.suggested == "review" and not any(r.kind in explained for r in found):
        found.append(_language_reason(comment, policy))
    return found


def _clause_reasons(comment, system) -> list[HoldReason]:
    reasons = []
    seen = set()
    for reason in system.evidence if isinstance(system.evidence, list) else []:
        if not isinstance(reason, dict):
            continue
        key = reason.get("clause_id") or reason.get("guideline")
        if key in seen:
            continue
        seen.add(key)
        score = reason.get("score")
        score = float(score) if isinstance(score, int | float) else 0.0
        category = str(reason.get("category") or "")
        if category == OFF_TOPIC:
            text = _(
                "Relevance: off-topic %(score).2f for an article in %(article)s; "
                "the comment reads as %(comment)s."
            ) % {
                "score": score,
                "article": language_name(comment.article.language),
                "comment": language_name(comment.language),
            }
            reasons.append(HoldReason("relevance", text))
            continue
        guideline = clause_text(
            str(reason.get("clause_id") or ""), str(reason.get("guideline") or "")
        )
        text = _("%(guideline)s (%(category)s %(score).2f)") % {
            "guideline": guideline,
            "category": _(category.replace("_", " ")),
            "score": score,
        }
        reasons.append(HoldReason("clause", text))
    return reasons


def _language_reason(comment, policy) -> HoldReason:
    name = language_name(comment.language)
    mode = policy.language_mode(comment.language or "und") if policy is not None else None
    if mode in (LanguageMode.REVIEW, LanguageMode.REJECT_ONLY):
        return HoldReason(
            "language",
            _("Language rule: comments in %(language)s are never approved automatically.")
            % {"language": name},
        )
    if mode is LanguageMode.CLEARLY_CIVIL:
        return HoldReason(
            "language",
            _(
                "Language rule: in %(language)s only clearly civil comments are approved "
                "automatically (no rule fired, the language surely identified)."
            )
            % {"language": name},
        )
    return HoldReason("none", _("No model could judge it with confidence, so a person decides."))
