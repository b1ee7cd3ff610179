"""On PostgreSQL the repeat check's lock holds identical posts only.

The second of two identical posts sent at once must find the first
(comments/actions.record_comment asks ``repeat_of`` under a lock), and two
different posts to one article must not wait for each other: at breaking
news every post goes to one thread, and a lock on the article made them
queue one behind the other (docs/deployment.md). SQLite has one writer at a
time whatever we lock (BEGIN IMMEDIATE); tests/reliability/test_crash.py
sends identical posts at once to a served SQLite site.

Each post runs in a thread of its own, with its own connection, and commits
for real (``transactional_db``). The repeat check is slowed (or stopped)
under the lock, so that without the lock the posts would overlap there.
"""

from __future__ import annotations

import threading
import time

import pytest
from django.db import connection, connections

from civility.comments.models import Comment
from civility.posting import service, steps

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every writer (BEGIN IMMEDIATE): test_crash.py covers it")


def post_in_a_thread(article, text: str, answers: dict, start: threading.Barrier | None = None):
    def run():
        try:
            if start is not None:
                start.wait(timeout=10)
            outcome = service.post_comment(
                article=article, text=text, author_name="Dara", author_email="dara@example.org"
            )
            answers.setdefault(text, []).append(outcome.comment.pk)
        finally:
            connections.close_all()  # this thread's connection

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_identical_posts_at_once_store_one_comment(article, engine_answers, monkeypatch):
    check = steps.repeat_of

    def slow_check(posting):
        found = check(posting)
        time.sleep(0.3)  # both posts would be past their checks before either inserted
        return found

    monkeypatch.setattr(steps, "repeat_of", slow_check)
    text = "The ceasefire in Aleppo did not last the week."
    answers: dict = {}
    start = threading.Barrier(2)
    threads = [post_in_a_thread(article, text, answers, start) for _ in range(2)]
    for thread in threads:
        thread.join(timeout=30)
    assert len(answers[text]) == 2
    assert len(set(answers[text])) == 1, answers  # both answered with the one comment
    assert Comment.objects.filter(text=text).count() == 1


def test_different_posts_to_one_article_do_not_wait_for_each_other(
    article, engine_answers, monkeypatch
):
    check = steps.repeat_of
    inside, release = threading.Event(), threading.Event()

    def held_check(posting):
        found = check(posting)
        if posting.text.startswith("First"):
            inside.set()
            release.wait(timeout=30)  # the first post stays in its transaction
        return found

    monkeypatch.setattr(steps, "repeat_of", held_check)
    answers: dict = {}
    first = post_in_a_thread(article, "First: the talks resume in Geneva.", answers)
    try:
        assert inside.wait(timeout=10)
        second = post_in_a_thread(article, "Second: the delegations arrived.", answers)
        second.join(timeout=10)
        # Stored while the first post's transaction is still open.
        assert not second.is_alive(), "the second post waited for the first"
        assert first.is_alive()
    finally:
        release.set()
        first.join(timeout=30)
    assert set(answers) == {
        "First: the talks resume in Geneva.",
        "Second: the delegations arrived.",
    }
    assert Comment.objects.filter(article=article).count() == 2
