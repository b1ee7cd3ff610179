"""Fixtures for the web core tests: a reader account.

The engine, the article, the moderator and ``post`` come from tests/conftest.py.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User


@pytest.fixture
def reader(db):
    return User.objects.create_user("reader", password="pw-for-tests-only")
