"""Fixtures for the security suites: one person per role, generous rate limits.

The engine is pinned (``engine_answers`` in tests/conftest.py) (it approves, or holds, everything) so that these tests
are about the doors and the pages, not about what the models decide; the
engine's own tests live in tests/moderation. Rate limits are raised for every
test here except those that measure them (``strict_limits``), because the
suites post many comments from one address in a second.
"""

from __future__ import annotations

import functools

import pytest
from django.contrib.auth.models import Group, User

from civility.web.config import Rate

PASSWORD = "a-long-password-for-tests-7"
ROLES = ("anonymous", "reader", "moderator", "editor", "admin")


@pytest.fixture(autouse=True)
def generous_limits(settings):
    settings.CIVILITY_RATE_LIMIT_IP = Rate(100_000, 60)
    settings.CIVILITY_RATE_LIMIT_EMAIL = Rate(100_000, 60)
    settings.CIVILITY_RATE_LIMIT_SAME_TEXT = Rate(100_000, 60)


@pytest.fixture
def strict_limits(settings):
    """The shipped defaults, for the tests that measure the limits."""
    from civility.web import config

    defaults = config.load({})
    for name in (
        "CIVILITY_RATE_LIMIT_IP",
        "CIVILITY_RATE_LIMIT_EMAIL",
        "CIVILITY_RATE_LIMIT_SAME_TEXT",
        "CIVILITY_LOGIN_LIMIT_ACCOUNT",
        "CIVILITY_LOGIN_LIMIT_IP",
    ):
        setattr(settings, name, defaults[name])
    return defaults


@functools.cache
def password_hash() -> str:
    """PASSWORD hashed once (argon2 takes a deliberate tenth of a second or more)."""
    from django.contrib.auth.hashers import make_password

    return make_password(PASSWORD)


@pytest.fixture
def make_user(db):
    """make_user("editor") -> a user in that role (None for "anonymous")."""
    return _make_user


def _make_user(role: str):
    """A user for ``role`` (None for anonymous), with PASSWORD."""
    from civility.comments.roles import ensure_groups

    if role == "anonymous":
        return None
    ensure_groups()
    user = User.objects.create(
        username=f"{role}-user",
        email=f"{role}@staff.example.org",
        password=password_hash(),
        is_staff=role in ("moderator", "editor", "admin"),
        is_superuser=role == "admin",
    )
    if role == "moderator":
        user.groups.add(Group.objects.get(name="moderators"))
    if role == "editor":
        user.groups.add(Group.objects.get(name="editors"))
    return user


@pytest.fixture
def moderator(db):
    """The moderator of the role matrix (staff, in "moderators", PASSWORD)."""
    return _make_user("moderator")


def fits_a_name(payload: str) -> bool:
    """A name is one line of at most 80 characters (abuse/textrules.py, one_line)."""
    return len(payload) <= 80 and not any(
        ord(c) < 32 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029" for c in payload
    )


@pytest.fixture
def post_corpus(article, pinned_engine):
    """post_corpus(payloads, decision) -> the comments: each payload as a comment's
    text and, when it fits, its author's name, posted through the posting service."""
    from civility.posting.service import post_comment

    def post(payloads, decision="approve"):
        engine = pinned_engine(decision)
        return [
            post_comment(
                article=article,
                author_name=payload if fits_a_name(payload) else f"Reader {n}",
                author_email=f"reader{n}@example.org",
                text=payload,
                engine=engine,
            ).comment
            for n, payload in enumerate(payloads)
        ]

    return post
