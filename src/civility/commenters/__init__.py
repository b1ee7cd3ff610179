"""Who wrote a comment, as the moderators' desk knows them, and their sanctions.

- ``keys.py``: a commenter's key, a keyed hash of their normalised e-mail
  address (abuse/identity.py), so that the desk can find one person's
  comments under any spelling of their mailbox without ever showing it;
- ``models.py``: ``CommenterKey`` (the key of each comment, written in the
  comment's own transaction) and ``Sanction`` (suspended, banned, always
  pre-moderated);
- ``actions.py``: every write (``impose_sanction``, ``lift_sanction``,
  ``link``), one transaction each;
- ``lookup.py``: the sanction in force for someone posting now.

The posting service consults ``lookup`` in its ``sanctions`` and
``sanction_hold`` steps (posting/steps.py); docs/moderator-desk.md.
"""
