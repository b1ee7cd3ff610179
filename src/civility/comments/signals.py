"""Events, sent only after the transaction that caused them commits.

Receivers (notifications, webhooks, cache purges) never see a comment that a
rollback took back, and a failing receiver cannot undo a recorded decision.
"""

from django.dispatch import Signal

# sender=Comment, comment=..., decision=..., outcome="published"|"held"|"rejected"
comment_posted = Signal()
# sender=Comment, comment=..., decision=...
comment_decided = Signal()
