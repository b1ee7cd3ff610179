"""The guideline categories the engine scores.

The names are part of the public contract (`civility moderate` output, the
API, the policy file): never rename one without a migration note.
"""

# Every category gets a calibrated probability in [0, 1].
# ``violation`` is "breaks at least one guideline"; ``abuse`` covers every
# attack on a group, and the four named kinds of abuse have their own scores.
CATEGORIES: tuple[str, ...] = (
    "violation",
    "profanity",
    "vulgarity",
    "threat",
    "personal_attack",
    "abuse",
    "sexism",
    "racism",
    "homophobia",
    "xenophobia",
    "promotion",
)

# ``off_topic`` is scored only when the comment comes with its article; it is
# null otherwise, so it lives apart from the always-present categories.
OFF_TOPIC = "off_topic"

ABUSE_KINDS: tuple[str, ...] = ("sexism", "racism", "homophobia", "xenophobia")

LANGUAGES: tuple[str, ...] = ("en", "ar", "ckb", "kmr", "tr")
UNDETERMINED = "und"
