"""Which article a page means, and creating it on first use.

A page names its article by the publisher's own id
(``data-civility-article="rudaw-123"``) or, without one, by its canonical
URL. Either is kept in ``Article.external_id``, the field the publisher's
import also fills, so an article imported beforehand with that id is found
and one created here can later be re-imported (or edited in the admin) with
its full text, which the relevance step compares comments against.

Creating is a write that any page of an allowed site can trigger, and page
metadata is only as trustworthy as the page (a script forges ``Origin`` at
will): so it is off unless the site turns it on, the canonical URL and an
article id that is a URL must be on one of the site's own origins, the
title is checked as a comment's text is (no control characters, no bidi
controls) and may not mix scripts inside a word (a Cyrillic "А" in
"Аleppo"), the text goes through the importer's checks, each address may
create only a few articles an hour, and the article is created *held*: no
page, no thread and no comment form exist until an editor approves it in
the admin (issue 12, item 5).
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from civility.abuse import rate_limits, textrules
from civility.articles.importer import clean_record
from civility.articles.models import Article
from civility.errors import PermissionDenied, ValidationFailed
from civility.web.config import Rate

from .models import LANGUAGE_CODES, EmbedSite, origin_of

KEY_MAX = 200  # Article.external_id
TITLE_MAX = 300  # Article.title
DESCRIPTION_MAX = 5000
# Articles one address may create an hour: a page loads once per article,
# so a reader never comes near it; a script inventing pages does.
CREATE_RATE = Rate(20, 3600)


def canonical_url(raw: str) -> str:
    """The URL without its fragment; "" for nothing. Raises ValidationFailed."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    parts = urlsplit(raw)
    if parts.scheme not in {"http", "https"} or not parts.hostname or parts.username:
        raise ValidationFailed(
            _("The page address must be an http or https URL."), field="url", code="invalid_url"
        )
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", parts.query, ""))


def article_key(article: str, url: str) -> str:
    """The external id a page stands for: its publisher id, else its URL."""
    key = (article or "").strip() or canonical_url(url)
    if not key:
        raise ValidationFailed(
            _("Name the article (data-civility-article) or give the page's URL."),
            field="article",
            code="required",
        )
    if len(key) > KEY_MAX:
        raise ValidationFailed(
            _("The article id or URL can be %(max)d characters at most.") % {"max": KEY_MAX},
            field="article",
            code="too_long",
        )
    return key


def find_article(article: str, url: str) -> Article | None:
    """The article for a publisher id (or a Civility slug), else for the URL."""
    key = article_key(article, url)
    found = Article.objects.filter(external_id=key).first()
    if found is None and (article or "").strip():
        found = Article.objects.filter(slug=key).first()
        if found is None and url:
            found = Article.objects.filter(external_id=canonical_url(url)).first()
    return found


def create_article(
    site: EmbedSite | None,
    *,
    article: str,
    url: str,
    title: str,
    description: str,
    language: str,
    ip: str,
) -> tuple[Article, bool]:
    """(article, created): the existing article, or a new one from the page's metadata."""
    existing = find_article(article, url)
    if existing is not None:
        return existing, False
    if site is None:
        raise PermissionDenied(
            _("This site may not embed comments."), code="origin_not_allowed", field="origin"
        )
    if not site.create_articles:
        raise PermissionDenied(
            _("Comments are not set up for this page yet."), code="article_creation_off"
        )
    key = article_key(article, url)
    page_url = canonical_url(url)
    if not page_url:
        raise ValidationFailed(_("Give the page's URL."), field="url", code="required")
    if origin_of(page_url) not in site.origin_list():
        raise ValidationFailed(
            _("The page's URL is not on this site."), field="url", code="url_not_on_site"
        )
    if _is_url(key) and origin_of(canonical_url(key)) not in site.origin_list():
        raise ValidationFailed(
            _("The article id is not on this site."), field="article", code="url_not_on_site"
        )
    # Line breaks in a page's <title> are layout: one space. What is left is
    # checked as a comment is: control characters and bidi controls refused.
    title = " ".join((title or "").split())
    if not title:
        raise ValidationFailed(_("The page has no title."), field="title", code="required")
    textrules.check_text(title, field="title", one_line=True)
    textrules.check_one_script_words(title, field="title")
    if ip:
        rate_limits.hit("embed_article", ip, CREATE_RATE)
    description = (description or "").strip()[:DESCRIPTION_MAX]
    record = clean_record(
        {
            "slug": "placeholder",
            "title": title[:TITLE_MAX],
            "published": timezone.localdate().isoformat(),
            # The relevance step compares comments with title and body: the
            # description until an editor imports or pastes the full text.
            "body": description or title,
            "source": site.name[:100],
            "language": language if language in LANGUAGE_CODES else site.language,
            "external_id": key,
        }
    )
    record.pop("tags")
    try:
        with transaction.atomic():
            created = Article.objects.create(
                **{**record, "slug": _free_slug(record["title"]), "held": True}
            )
    except IntegrityError:
        # Two readers opened a new page at once: the other request created it.
        existing = Article.objects.filter(external_id=key).first()
        if existing is None:
            raise
        return existing, False
    return created, True


def _is_url(key: str) -> bool:
    return "://" in key or key.startswith("//")


def _free_slug(title: str) -> str:
    base = slugify(title, allow_unicode=True)[:180].strip("-") or "article"
    slug, n = base, 1
    while Article.objects.filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug
