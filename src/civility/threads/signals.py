"""The thread's events, sent after the transaction that caused them commits.

``thread_changed`` is the one hook for everything that caches a published
thread (the page, the API, the widget): every action here that changes what
readers see of a thread (a reaction, a pick, closing, a report that hides a
comment) sends it once its transaction commits, and so does the posting
service for a published comment and a reply (through
``comments.signals``, which a cache listens to as well). A receiver:

    from civility.threads.signals import thread_changed
    thread_changed.connect(lambda sender, article_id, **kw: purge(article_id))
"""

from django.db import transaction
from django.dispatch import Signal

# sender=None, article_id=<int>
thread_changed = Signal()
# sender=Report, report=..., comment=..., returned=<bool>, hidden=<bool>
comment_reported = Signal()


def after_commit_thread_changed(article_id: int) -> None:
    """Send ``thread_changed`` for this article once the current transaction commits."""
    transaction.on_commit(lambda: thread_changed.send(sender=None, article_id=article_id))
