"""The moderation engine: no Django here, so the CLI and tests use it alone.

    from civility.moderation import get_engine
    verdict = get_engine().moderate("Great reporting, thank you.")
    verdict.decision  # Decision.APPROVE / REVIEW / REJECT

See docs/pipeline.md (how a comment is judged), docs/policy.md (the policy
file) and docs/moderation-output.md (the output contract).
"""

from .categories import CATEGORIES, LANGUAGES, OFF_TOPIC
from .context import Article, Context
from .engine import Engine, get_engine
from .policy import Clause, ClauseKind, LanguageMode, Policy, PolicyError, load_policy
from .verdict import Decision, Reason, Verdict

__all__ = [
    "CATEGORIES",
    "LANGUAGES",
    "OFF_TOPIC",
    "Article",
    "Clause",
    "ClauseKind",
    "Context",
    "Decision",
    "Engine",
    "LanguageMode",
    "Policy",
    "PolicyError",
    "Reason",
    "Verdict",
    "get_engine",
    "load_policy",
]
