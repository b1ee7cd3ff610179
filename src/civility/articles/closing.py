"""When an article's comments are open: by hand, and by age.

An editor closes a thread by hand (``Article.comments_open``, written by
``threads/closing.py``); the site may also close every thread a number of
days after its publication date (``CIVILITY_COMMENTS_CLOSE_AFTER_DAYS``), at
midnight in the site's time zone. The posting service's first step,
``article_open``, asks here; so do the pages and the widget, to say so.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def closes_at(article) -> dt.datetime | None:
    """When age closes this article's comments (None: age never does)."""
    days = int(getattr(settings, "CIVILITY_COMMENTS_CLOSE_AFTER_DAYS", 0) or 0)
    if days <= 0 or article.published is None:
        return None
    last_day = article.published + dt.timedelta(days=days)
    return dt.datetime.combine(last_day, dt.time.min, tzinfo=timezone.get_default_timezone())


def is_open(article, now: dt.datetime | None = None) -> bool:
    """May readers post (and reply) under this article now?"""
    if not article.comments_open:
        return False
    closing = closes_at(article)
    return closing is None or (now or timezone.now()) < closing
