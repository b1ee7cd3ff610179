"""The posting transaction holds the writes only; the engine runs before it opens.

A post spends its time in the engine (tens of milliseconds, more with the
transformer tier). Inside a transaction that time would hold the repeat
check's lock (comments/actions.record_comment) and, on SQLite, the one write
lock, so other posts would wait for it. So the engine is asked with no
transaction open, and the one transaction then holds the comment, its first
decision and what must commit with them: the outbox's rows and the
background tasks (with the database backend, their rows too). The answer
comes after the commit: an accepted comment is on disk before we answer.

Real commits (``transactional_db``): inside the test's usual wrapping
transaction every statement would look "in a transaction".
"""

from __future__ import annotations

import json
import re

import pytest
from django.db import connection

from civility.comments.models import Comment, DecisionRecord, NotificationRequest
from civility.webhooks.models import Delivery, Endpoint

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

# What the posting transaction may touch: the writes and the reads that must
# see the same snapshot (the repeat check under its lock, the outbox's
# endpoints, the decision before this one). Not the article: posts to one
# thread do not wait for each other (test_repeat_lock.py).
ALLOWED_INSIDE = {
    "comments_comment",
    "comments_decision",
    "comments_notificationrequest",
    "commenters_commenterkey",
    "webhooks_endpoint",
    "webhooks_delivery",
    "django_tasks_database_dbtaskresult",
}
TABLE = re.compile(r'(?i:FROM|INTO|UPDATE|JOIN)\s+"?([a-z_]+)"?')  # tables: lower case


class Statements:
    """Every SQL statement of the default connection, and whether a transaction was open."""

    def __init__(self):
        self.seen: list[tuple[bool, str]] = []

    def __call__(self, execute, sql, params, many, context):
        self.seen.append((connection.in_atomic_block, sql))
        return execute(sql, params, many, context)

    def tables(self, *, inside: bool) -> set[str]:
        return {t for atomic, sql in self.seen if atomic == inside for t in TABLE.findall(sql)}

    def inserts(self, *, inside: bool) -> set[str]:
        return {
            TABLE.search(sql).group(1)
            for atomic, sql in self.seen
            if atomic == inside and sql.lstrip().upper().startswith("INSERT")
        }


@pytest.fixture
def watched_engine(engine_answers):
    """The pinned engine, noting whether a transaction was open at each call."""
    engine = engine_answers("review")
    in_transaction: list[bool] = []
    moderate = engine.moderate

    def watching(text, **kwargs):
        in_transaction.append(connection.in_atomic_block)
        return moderate(text, **kwargs)

    engine.moderate = watching
    return in_transaction


def post_through_the_api(client, article, **extra):
    body = {
        "author_name": "Shilan",
        "author_email": "shilan@example.org",
        "text": "The ceasefire will not hold while Nusra is excluded.",
        **extra,
    }
    return client.post(
        f"/api/articles/{article.slug}/comments", json.dumps(body), content_type="application/json"
    )


def test_the_engine_runs_with_no_transaction_open(client, article, watched_engine, settings):
    settings.CIVILITY_ALERT_HELD_MINUTES = 0
    statements = Statements()
    with connection.execute_wrapper(statements):
        response = post_through_the_api(client, article)
    assert response.status_code == 202, response.content  # held for review
    assert watched_engine == [False]
    # The answer came after the commit: nothing is open, the rows are there.
    assert not connection.in_atomic_block
    comment = Comment.objects.get()
    assert DecisionRecord.objects.filter(comment=comment).count() == 1
    # Every write of the post is inside the one transaction; nothing else is.
    assert {"comments_comment", "comments_decision"} <= statements.inserts(inside=True)
    assert statements.tables(inside=True) <= ALLOWED_INSIDE, statements.tables(inside=True)
    assert not statements.inserts(inside=False) & ALLOWED_INSIDE


def test_the_outbox_and_the_tasks_commit_with_the_comment(
    client, article, watched_engine, settings, database_tasks
):
    """The database backend: outbox rows, the confirmation e-mail's task and the
    held-comment alert's task are written in the comment's transaction."""
    from django_tasks_db.models import DBTaskResult

    settings.CIVILITY_ALERT_HELD_MINUTES = 30
    Endpoint.objects.create(name="newsroom", url="http://127.0.0.1:9/hook", secret="s3cret")
    statements = Statements()
    with connection.execute_wrapper(statements):
        response = post_through_the_api(client, article, notify=True)
    assert response.status_code == 202, response.content
    assert watched_engine == [False]
    inside = statements.inserts(inside=True)
    assert {
        "comments_comment",
        "comments_decision",
        "comments_notificationrequest",
        "webhooks_delivery",
        "django_tasks_database_dbtaskresult",
    } <= inside, inside
    assert not statements.inserts(inside=False) & ALLOWED_INSIDE
    assert statements.tables(inside=True) <= ALLOWED_INSIDE, statements.tables(inside=True)
    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == {
        "civility.webhooks.tasks.send_webhooks",
        "civility.webhooks.tasks.send_alerts",
        "civility.comments.notifications.send_confirmation_email",
    }
    assert Delivery.objects.count() == 2  # comment.created and comment.held
    assert NotificationRequest.objects.count() == 1


def test_a_failing_write_leaves_nothing_behind(client, article, watched_engine, database_tasks):
    """All or nothing: the outbox failing rolls the comment and its tasks back."""
    from unittest import mock

    from django_tasks_db.models import DBTaskResult

    Endpoint.objects.create(name="newsroom", url="http://127.0.0.1:9/hook", secret="s3cret")
    boom = RuntimeError("the outbox is full")
    with (
        mock.patch("civility.webhooks.outbox.Delivery.objects.bulk_create", side_effect=boom),
        pytest.raises(RuntimeError),
    ):
        client.raise_request_exception = True
        post_through_the_api(client, article, notify=True)
    assert not Comment.objects.exists()
    assert not DecisionRecord.objects.exists()
    assert not DBTaskResult.objects.exists()
