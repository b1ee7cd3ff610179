"""Demo content: the seed article (articles.json), sample comments and a moderator account.

``articles.json`` holds the Rudaw article the project started from, with its
exact text, in the import format (docs/cli.md). The tags list "Syria" twice,
as the page did; the importer folds repeats into one tag. ``comments.json``
holds sample comments in the five languages, some civil, some not; the demo
posts them through the real moderation, so the queue and the thread show
what the engine decided. One sample replies to another (``reply_to``, its
position) and one is featured by the demo moderator (``featured``), once
published, so a new user sees a reply and an editors' pick.

``articles_languages.json`` adds one short article in each other language
(Arabic, Sorani, Kurmanji, Turkish), written for the demo, so a reader can
read and comment in every language (docs/languages.md);
``comments_languages.json`` holds their sample comments by article slug.
Sorani and Kurmanji comments are never approved by the engine alone (the
policy's ``reject_only``), so the civil ones marked ``approve_if_held`` are
then approved by the demo moderator, as a person would.
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


def language_articles() -> list[dict]:
    """One short article per other language (ar, ckb, kmr, tr), written for the demo."""
    return _read("articles_languages.json")


def all_demo_articles() -> list[dict]:
    """The seed article first, then one per other language."""
    return demo_articles() + language_articles()


def load_content():
    """Import the demo articles (idempotent: matched by slug)."""
    from civility.articles.importer import import_articles

    return import_articles(all_demo_articles())


def demo_comments() -> list[dict]:
    return json.loads(resources.files(__package__).joinpath("comments.json").read_text("utf-8"))


def comments_for(slug: str) -> list[dict]:
    """The sample comments of one demo article (the seed's are ``comments.json``)."""
    by_article = _read("comments_languages.json")
    return by_article.get(slug, demo_comments() if slug == demo_articles()[0]["slug"] else [])


def _read(name: str):
    return json.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))


def post_sample_comments(slug: str, *, moderator=None) -> int:
    """Post the sample comments under the article, once (skipped if it has comments).

    Each goes through the real moderation. A comment marked
    ``approve_if_held`` that the engine held is then approved by ``moderator``.
    """
    from civility.articles.models import Article
    from civility.comments.actions import decide
    from civility.comments.models import Comment, CommentStatus
    from civility.posting.service import post_comment
    from civility.threads.picks import feature_comment

    article = Article.objects.get(slug=slug)
    if article.comments.exists():
        return 0
    comments = comments_for(slug)
    posted_so_far = []
    for sample in comments:
        fields = {k: v for k, v in sample.items() if k not in _DEMO_KEYS}
        if "reply_to" in sample:
            # A reply answers a published comment; if the engine did not
            # publish its parent, it is posted as a comment of its own.
            parent = Comment.objects.get(pk=posted_so_far[sample["reply_to"]].pk)
            if parent.status == CommentStatus.APPROVED:
                fields["parent"] = parent
        posted = post_comment(article=article, **fields)
        held = posted.comment.status == CommentStatus.PENDING
        if held and sample.get("approve_if_held") and moderator is not None:
            decide(posted.comment, status=CommentStatus.APPROVED, actor=moderator)
        posted_so_far.append(posted.comment)
        if sample.get("featured") and moderator is not None:
            comment = Comment.objects.get(pk=posted.comment.pk)
            if comment.status == CommentStatus.APPROVED:
                feature_comment(comment, actor=moderator, note="demo")
    return len(comments)


# What a sample says besides the comment's own fields (comments.json): approve
# it if the engine held it; the sample it replies to (by position); feature it.
_DEMO_KEYS = ("approve_if_held", "reply_to", "featured")


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
    from django.contrib.auth.models import User
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=verbosity)
    load_content()
    password = reset_moderator()
    moderator = User.objects.get(username=MODERATOR)
    slugs = [a["slug"] for a in all_demo_articles()]
    for slug in slugs:
        post_sample_comments(slug, moderator=moderator)
    return DemoSite(articles=slugs, username=MODERATOR, password=password)
