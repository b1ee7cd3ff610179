"""The law's side of moderation (the EU Digital Services Act), behind ``CIVILITY_DSA``.

- ``statements.py``: the statement of reasons for a rejection, a comment
  hidden after reports, or a sanction (art. 17), read from the decision log;
- ``models.py`` and ``actions.py``: illegal-content notices (art. 16) with
  their own queue and history, and appeals decided by a person (art. 20),
  every write through one action function in one transaction;
- ``mail.py``: the e-mail each of them sends, after commit;
- ``transparency.py``: the counts of art. 15/24 and the EU
  statement-of-reasons export (``sor_fields.py`` is the official field list).

docs/law.md says what each part answers to.
"""

from django.conf import settings


def enabled() -> bool:
    """Whether the site switched the law's side on (``CIVILITY_DSA``)."""
    return bool(getattr(settings, "CIVILITY_DSA", False))
