"""Pages by position (keyset pagination) for the decided lists: latest decision first.

A page number (``OFFSET``) makes the database read and throw away every row
before the page, and numbering pages needs a count of the whole list: both
grow with the list, and a newsroom's decided lists reach millions. Here a
page starts after the last row shown: ``?before=CURSOR`` (older) or
``?after=CURSOR`` (newer), where the cursor is that row's decision time and
id, so each page reads its own rows from the ``comment_decided`` indexes and
nothing else. Newest first; ties on the time are broken by id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q


@dataclass(frozen=True)
class Cursor:
    decided_at: datetime
    id: int

    def __str__(self) -> str:
        micros = round(self.decided_at.timestamp() * 1_000_000)
        return f"{micros}-{self.id}"

    @classmethod
    def parse(cls, raw: str | None) -> Cursor | None:
        """The cursor in a query string; None for a missing or malformed one (first page)."""
        try:
            micros, pk = (int(part) for part in (raw or "").split("-", 1))
            if not 0 < pk < 2**63:
                return None
            return cls(datetime.fromtimestamp(micros / 1_000_000, tz=UTC), pk)
        except (ValueError, OverflowError, OSError):
            return None

    @classmethod
    def of(cls, comment) -> Cursor:
        return cls(comment.decided_at, comment.pk)


@dataclass(frozen=True)
class Page:
    items: list
    newer: Cursor | None  # ?after= for the page before (newer rows); None on the first
    older: Cursor | None  # ?before= for the page after (older rows); None on the last

    @property
    def has_other_pages(self) -> bool:
        return self.newer is not None or self.older is not None


def page(comments, query, *, per_page: int) -> Page:
    """One page of ``comments`` (a queryset), newest decision first, from ``query``'s cursor."""
    before, after = Cursor.parse(query.get("before")), Cursor.parse(query.get("after"))
    if after is not None:
        newer_rows = comments.filter(
            Q(decided_at__gte=after.decided_at),
            Q(decided_at__gt=after.decided_at) | Q(id__gt=after.id),
        ).order_by("decided_at", "id")
        rows = list(newer_rows[: per_page + 1])
        more_newer = len(rows) > per_page
        rows = rows[:per_page][::-1]
        if not rows:  # nothing newer: show the first page
            return page(comments, {}, per_page=per_page)
        return Page(rows, Cursor.of(rows[0]) if more_newer else None, Cursor.of(rows[-1]))
    if before is not None:
        comments = comments.filter(
            Q(decided_at__lte=before.decided_at),
            Q(decided_at__lt=before.decided_at) | Q(id__lt=before.id),
        )
    rows = list(comments.order_by("-decided_at", "-id")[: per_page + 1])
    more_older = len(rows) > per_page
    rows = rows[:per_page]
    newer = Cursor.of(rows[0]) if before is not None and rows else None
    return Page(rows, newer, Cursor.of(rows[-1]) if more_older else None)
