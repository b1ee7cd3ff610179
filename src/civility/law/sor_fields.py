"""The EU statement-of-reasons fields, as the DSA Transparency Database accepts them.

Copied by field name (not by code) from the Commission's own repository,
github.com/digital-services-act/transparency-database, file
app/Http/Requests/StatementStoreRequest.php (``rules()``), at commit
006d22e9ab07d245f81ea70495d9f8bdb8e2292b, and the allowed values from
app/Models/Statement.php at the same commit. docs/law.md lists them with
what Civility puts in each; tests/law/test_transparency.py checks the export
against this list and the docs against it.
"""

from __future__ import annotations

SOR_FIELDS: tuple[str, ...] = (
    "decision_visibility",
    "decision_visibility_other",
    "decision_monetary",
    "decision_monetary_other",
    "decision_provision",
    "decision_account",
    "account_type",
    "decision_ground",
    "illegal_content_legal_ground",
    "illegal_content_explanation",
    "incompatible_content_ground",
    "incompatible_content_explanation",
    "incompatible_content_illegal",
    "content_type",
    "content_type_other",
    "category",
    "territorial_scope",
    "application_date",
    "end_date",
    "decision_facts",
    "source_type",
    "source",
    "automated_detection",
    "automated_decision",
    "url",
    "puid",
)

# The values the export uses, each one of Statement.php's constants' keys.
DECISION_VISIBILITIES = (
    "DECISION_VISIBILITY_CONTENT_REMOVED",
    "DECISION_VISIBILITY_CONTENT_DISABLED",
    "DECISION_VISIBILITY_CONTENT_DEMOTED",
    "DECISION_VISIBILITY_OTHER",
)
DECISION_ACCOUNTS = ("DECISION_ACCOUNT_SUSPENDED", "DECISION_ACCOUNT_TERMINATED")
DECISION_GROUNDS = ("DECISION_GROUND_ILLEGAL_CONTENT", "DECISION_GROUND_INCOMPATIBLE_CONTENT")
CONTENT_TYPES = ("CONTENT_TYPE_TEXT",)  # of eight; a comment is text
CATEGORIES = (
    "STATEMENT_CATEGORY_PIRACY",
    "STATEMENT_CATEGORY_DISCRIMINATION",
    "STATEMENT_CATEGORY_COUNTERFEIT",
    "STATEMENT_CATEGORY_FRAUD",
    "STATEMENT_CATEGORY_TERRORISM",
    "STATEMENT_CATEGORY_CHILD_SAFETY",
    "STATEMENT_CATEGORY_NON_CONSENT",
    "STATEMENT_CATEGORY_MISINFORMATION",
    "STATEMENT_CATEGORY_VIOLATION_TOS",
    "STATEMENT_CATEGORY_UNCATEGORISED",
)
SOURCE_TYPES = ("SOURCE_ARTICLE_16", "SOURCE_TRUSTED_FLAGGER", "SOURCE_VOLUNTARY")
YES_NO = ("Yes", "No")
# application_date and end_date: "Y-m-d-H" (Laravel's date_format), UTC.
DATE_FORMAT = "%Y-%m-%d-%H"
