"""Fixtures for the thread's actions: readers' browsers and a published comment.

The article, the moderator, the pinned engine and ``post`` come from
tests/conftest.py.
"""

from __future__ import annotations

import pytest

from civility.threads.visitor import Visitor


@pytest.fixture
def readers():
    """``readers(n)`` -> n distinct readers' browsers."""
    return lambda n: [Visitor.fresh() for _ in range(n)]


@pytest.fixture
def published(post):
    return post("Russia's strikes will end the ceasefire.").comment
