"""A commenter's history beside each comment: past comments by decision, the
last few, and every sanction, matched by the commenter key (any spelling of
their mailbox) or, for comments without one, their signed-in reader account.
The address is never shown.

A page of the queue asks a fixed number of queries however many comments it
shows (tests/web/test_queue.py): keys, counts, the last few (a window
function), sanctions.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from civility.commenters.models import CommenterKey, Sanction
from civility.comments.models import Comment
from civility.readers.models import ReaderComment

LAST = 5


@dataclass
class History:
    counts: dict[str, int] = field(default_factory=dict)  # status -> earlier comments
    last: list[Comment] = field(default_factory=list)  # newest first, this one left out
    sanctions: list[Sanction] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def in_force(self) -> list[Sanction]:
        now = timezone.now()
        return [s for s in self.sanctions if s.in_force_at(now)]


def histories(comments) -> dict[int, History]:
    """The history of each comment's author, keyed by comment id."""
    pks = [c.pk for c in comments]
    if not pks:
        return {}
    keys = dict(
        CommenterKey.objects.filter(comment_id__in=pks).values_list("comment_id", "email_key")
    )
    readers = dict(
        ReaderComment.objects.filter(comment_id__in=pks).values_list("comment_id", "reader_id")
    )
    # Who each comment's author is: their key, else their reader account.
    who = {
        pk: ("key", keys[pk]) if pk in keys else ("reader", readers[pk])
        for pk in pks
        if pk in keys or pk in readers
    }
    wanted_keys = {v for kind, v in who.values() if kind == "key"}
    wanted_readers = {v for kind, v in who.values() if kind == "reader"}
    counts: dict[tuple, dict[str, int]] = defaultdict(dict)
    last: dict[tuple, list[Comment]] = defaultdict(list)
    sanctions: dict[tuple, list[Sanction]] = defaultdict(list)

    if wanted_keys or wanted_readers:
        person = _person_expression(wanted_keys, wanted_readers)
        for row in person.values(
            "commenter__email_key", "reader_link__reader_id", "status"
        ).annotate(n=Count("id")):
            for author in _authors(row, wanted_keys, wanted_readers):
                counts[author][row["status"]] = counts[author].get(row["status"], 0) + row["n"]
        for comment in _latest(wanted_keys, wanted_readers):
            for author in _authors(
                {
                    "commenter__email_key": comment.author_key_,
                    "reader_link__reader_id": comment.reader_id_,
                },
                wanted_keys,
                wanted_readers,
            ):
                last[author].append(comment)
        for sanction in Sanction.objects.filter(
            Q(email_key__in=wanted_keys) | Q(reader_id__in=wanted_readers)
        ).select_related("created_by", "lifted_by"):
            if sanction.email_key in wanted_keys:
                sanctions[("key", sanction.email_key)].append(sanction)
            if sanction.reader_id in wanted_readers:
                sanctions[("reader", sanction.reader_id)].append(sanction)

    out = {}
    for comment in comments:
        author = who.get(comment.pk)
        if author is None:
            out[comment.pk] = History()
            continue
        mine = dict(counts[author])
        if mine.get(comment.status):  # the comment itself is not its own history
            mine[comment.status] -= 1
        out[comment.pk] = History(
            counts={k: v for k, v in mine.items() if v},
            last=[c for c in last[author] if c.pk != comment.pk][:LAST],
            sanctions=sanctions[author],
        )
    return out


def _person_expression(keys, readers):
    return Comment.objects.filter(
        Q(commenter__email_key__in=keys) | Q(reader_link__reader_id__in=readers)
    )


def _authors(row, keys, readers) -> list[tuple]:
    found = []
    key = row.get("commenter__email_key")
    reader = row.get("reader_link__reader_id")
    if key in keys:
        found.append(("key", key))
    if reader in readers and not key:
        found.append(("reader", reader))
    return found


def _latest(keys, readers) -> list[Comment]:
    """The LAST + 1 newest comments of each author (one query, a window function)."""
    ranked = (
        _person_expression(keys, readers)
        .annotate(
            author_key_=F("commenter__email_key"),
            reader_id_=F("reader_link__reader_id"),
            rank=Window(
                RowNumber(),
                partition_by=[F("commenter__email_key"), F("reader_link__reader_id")],
                order_by=[F("created_at").desc(), F("id").desc()],
            ),
        )
        .filter(rank__lte=LAST + 1)
        .select_related("article")
        .order_by("-created_at", "-id")
    )
    return list(ranked)
