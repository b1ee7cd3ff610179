"""Articles and tags.

An article is imported from the publisher (``civility articles import``, the
API) or typed in the admin. Its language decides how far automatic decisions
may go for the comments under it, and its title and body let the engine judge
whether a comment is relevant.
"""

from __future__ import annotations

from django.db import models
from django.utils.text import slugify

from civility.moderation.categories import LANGUAGES

LANGUAGE_CHOICES = [
    ("en", "English"),
    ("ar", "Arabic"),
    ("ckb", "Sorani"),
    ("kmr", "Kurmanji"),
    ("tr", "Turkish"),
]
assert {code for code, _ in LANGUAGE_CHOICES} == set(LANGUAGES)

RTL_LANGUAGES = frozenset({"ar", "ckb"})


def tag_slug(name: str) -> str:
    """Normalised slug for a tag name: "Aleppo", "aleppo " and "ALEPPO" are one tag."""
    return slugify(name.strip(), allow_unicode=True).lower()


class TagQuerySet(models.QuerySet):
    def for_names(self, names) -> list[Tag]:
        """The tags for these display names, created as needed; repeats folded into one."""
        tags: dict[str, Tag] = {}
        for name in names:
            slug = tag_slug(name)
            if not slug or slug in tags:
                continue
            tag, _ = self.get_or_create(slug=slug, defaults={"name": name.strip()})
            tags[slug] = tag
        return list(tags.values())


class Tag(models.Model):
    name = models.CharField(max_length=100, help_text="As shown to readers, e.g. “Aleppo”.")
    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)

    objects = TagQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = tag_slug(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return f"/tags/{self.slug}/"


class ArticleQuerySet(models.QuerySet):
    def shown(self) -> ArticleQuerySet:
        """The articles readers may see: not waiting for an editor (``held``)."""
        return self.filter(held=False)


class Article(models.Model):
    slug = models.SlugField(max_length=200, unique=True, allow_unicode=True)
    title = models.CharField(max_length=300)
    published = models.DateField(help_text="Publication date, shown as DD-MM-YYYY.")
    source = models.CharField(max_length=100, blank=True, help_text="e.g. “Rudaw”.")
    dateline = models.CharField(
        max_length=200,
        blank=True,
        help_text="e.g. “ERBIL, Kurdistan Region”; not repeated in body.",
    )
    body = models.TextField(help_text="Paragraphs separated by blank lines.")
    language = models.CharField(max_length=3, choices=LANGUAGE_CHOICES, default="en")
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles")
    comments_open = models.BooleanField(default=True)
    external_id = models.CharField(
        max_length=200, null=True, blank=True, unique=True, help_text="The publisher's own id."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Created from a page's own metadata (embed/articles.py): anyone can send
    # such a page, so no page, thread or comment form exists until an editor
    # approves it (issue 12, item 5). Imported and admin-made articles are not held.
    held = models.BooleanField(
        default=False,
        help_text="Created from a page by the widget: readers see nothing until an editor "
        "approves it (untick, or the list's “Approve” action).",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published", "-created_at"]
        indexes = [models.Index(fields=["-published", "-created_at"], name="article_newest")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return f"/articles/{self.slug}/"

    def paragraphs(self) -> list[str]:
        """The body's paragraphs: blocks separated by blank lines, trimmed."""
        blocks = self.body.replace("\r\n", "\n").split("\n\n")
        return [block.strip() for block in blocks if block.strip()]

    @property
    def direction(self) -> str:
        return "rtl" if self.language in RTL_LANGUAGES else "ltr"

    def published_display(self) -> str:
        return self.published.strftime("%d-%m-%Y")
