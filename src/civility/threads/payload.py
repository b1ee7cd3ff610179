"""A thread as JSON, for the widget and the API: a published part, then the reader's.

``thread_page`` (tree.py) lays out a page of a thread; this module turns it
into plain data in two parts, so that the larger one can be shared:

- ``published_part``: what every reader sees alike (comments, replies nested,
  picks first and flagged, reaction counts, whether the thread is open). It
  holds no reader's state, so it is cached once per article, sort and page
  (threads/cache.py) and built with no visitor.
- ``with_reader``: laid over a copy of it for each request, from the reader's
  signed token (visitor.py): which comments this reader reacted to, and the
  reader's own comments that are not published (held, or rejected with the
  clause's message), in place, as tree.py places them on the article page.

Without a token the published part is the whole answer.
"""

from __future__ import annotations

import copy

from civility import sitetime
from civility.comments.vocabulary import outcome_of, reader_message

from . import reactions, tree
from .visitor import Visitor


def comment_json(entry: tree.Entry) -> dict:
    c = entry.comment
    return {
        "id": c.pk,
        "parent_id": c.parent_id,
        "author_name": "" if c.erased_at else c.author_name,
        "erased": c.erased_at is not None,
        "text": c.text,
        "language": c.language or "",
        "created_at": c.created_at,
        # As the article page shows it: in the site's zone, saying which.
        "created_display": sitetime.shown(c.created_at),
        "featured": entry.featured,
        "reactions": entry.reaction_count,
        "reacted": False,
        # A reply whose parent is no longer published: shown at the top, without it.
        "parent_gone": entry.parent_gone,
        "can_reply": entry.can_reply,
        "own": "",
        "own_message": "",
        "replies": [comment_json(r) for r in entry.replies],
    }


def published_part(article, *, sort: str | None = None, page: int = 1) -> dict:
    """The page of the thread every reader sees (no visitor): plain data to cache."""
    thread = tree.thread_page(article, sort=sort, page=page, visitor=None)
    return {
        "count": thread.count,
        "page": thread.page.number,
        "pages": thread.page.paginator.num_pages,
        "sort": thread.sort,
        "open": thread.open,
        "comments": [comment_json(e) for e in thread.entries],
    }


def _walk(comments):
    for c in comments:
        yield c
        yield from _walk(c["replies"])


def with_reader(article, part: dict, visitor: Visitor | None) -> dict:
    """A copy of the published part with this reader's reactions and own comments."""
    if visitor is None:
        return part
    part = copy.deepcopy(part)
    by_id = {c["id"]: c for c in _walk(part["comments"])}
    for pk in reactions.reacted_to(list(by_id), visitor):
        by_id[pk]["reacted"] = True
    tops = []
    for comment in tree.own_unpublished(article, visitor):
        decision = comment.latest_decision
        parent = by_id.get(comment.parent_id) if comment.parent_id else None
        own = comment_json(tree.Entry(comment=comment))
        own["own"] = outcome_of(comment.status)
        own["own_message"] = reader_message(comment.status, decision.clause_id if decision else "")
        if parent is not None:
            parent["replies"].append(own)
        elif comment.parent_id is None:
            tops.append(own)
        # (a reply whose parent is on another page is shown on that page)
    if part["sort"] == "newest" and part["page"] == 1:
        part["comments"][:0] = list(reversed(tops))
    elif part["sort"] != "newest" and part["page"] >= part["pages"]:
        part["comments"].extend(tops)
    return part


def comment_ids(part: dict) -> list[int]:
    return [c["id"] for c in _walk(part["comments"])]
