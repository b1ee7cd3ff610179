"""Demo content: the seed article (articles.json), sample comments and a moderator account.

``articles.json`` holds the Rudaw article the project started from, with its
exact text, in the import format (docs/cli.md). The tags list "Syria" twice,
as the page did; the importer folds repeats into one tag. ``comments.json``
holds sample comments in the five languages, some civil, some not; the demo
posts them through the real moderation, so the queue and the thread show
what the engine decided.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass
from importlib import resources

MODERATOR = "moderator"


@dataclass(frozen=True)
class DemoSite:
    articles: list[str]
    username: str
    password: str


def demo_articles() -> list[dict]:
    return json.loads(resources.files(__package__).joinpath("articles.json").read_text("utf-8"))


def load_content():
    """Import the demo articles (idempotent: matched by slug)."""
    from civility.articles.importer import import_articles

    return import_articles(demo_articles())


def demo_comments() -> list[dict]:
    return json.loads(resources.files(__package__).joinpath("comments.json").read_text("utf-8"))


def post_sample_comments(slug: str) -> int:
    """Post the sample comments under the article, once (skipped if it has comments)."""
    from civility.articles.models import Article
    from civility.comments.actions import post_comment

    article = Article.objects.get(slug=slug)
    if article.comments.exists():
        return 0
    for comment in demo_comments():
        post_comment(article=article, **comment)
    return len(demo_comments())


def reset_moderator(username: str = MODERATOR) -> str:
    """Create or reset the demo moderator (moderators + editors, admin access); return its password."""
    from django.contrib.auth.models import Group, User

    from civility.comments import roles

    roles.ensure_groups()
    password = secrets.token_urlsafe(12)
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.is_staff = True  # editors change thresholds and articles in the admin
    user.is_active = True
    user.save()
    user.groups.add(*Group.objects.filter(name__in=[roles.MODERATORS, roles.EDITORS]))
    return password


def setup_demo(*, verbosity: int = 0) -> DemoSite:
    """Migrate, load the demo content and reset the moderator. Django must be set up."""
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    load_content()
    slugs = [a["slug"] for a in demo_articles()]
    post_sample_comments(slugs[0])
    password = reset_moderator()
    return DemoSite(articles=slugs, username=MODERATOR, password=password)
