"""The publisher's sites that may embed the widget.

One row per site (a newsroom may run several: English, Sorani, Arabic
editions). A site lists the origins its pages are served from; a browser
request whose ``Origin`` is not listed by an active site gets no CORS
permission and no answer to a write. Whether the widget may create an
article the first time a page asks for it is a per-site choice: off by
default, because page metadata is written by whoever controls the page.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models

from civility.abuse.origins import normalise_origin, origin_of
from civility.articles.models import LANGUAGE_CHOICES

__all__ = ["EmbedSite", "LANGUAGE_CODES", "normalise_origin", "origin_of", "parse_origins"]


def parse_origins(text: str) -> list[str]:
    """One origin per line (commas and spaces also separate them)."""
    raw = text.replace(",", " ").split()
    return [normalise_origin(item) for item in raw]


class EmbedSiteQuerySet(models.QuerySet):
    def for_origin(self, origin: str | None) -> EmbedSite | None:
        """The active site that lists ``origin``, or None."""
        if not origin:
            return None
        try:
            origin = normalise_origin(origin)
        except ValueError:
            return None
        # Few sites, short lists: read them all rather than match text in SQL,
        # where "https://a.example" would also match inside "https://a.example.org".
        for site in self.filter(active=True):
            if origin in site.origin_list():
                return site
        return None


class EmbedSite(models.Model):
    name = models.CharField(max_length=100, help_text="e.g. “Rudaw English”.")
    origins = models.TextField(
        help_text="Origins the pages are served from, one a line: "
        "https://www.rudaw.net (scheme, host and port only; no path)."
    )
    create_articles = models.BooleanField(
        default=False,
        help_text="Create an article the first time one of this site's pages asks for it, "
        "from the page's title, canonical URL, description and language. Off: only "
        "articles imported beforehand get comments.",
    )
    language = models.CharField(
        max_length=3,
        choices=LANGUAGE_CHOICES,
        default="en",
        help_text="Language of articles created from pages that declare none Civility knows.",
    )
    active = models.BooleanField(default=True, help_text="Off: the widget refuses this site.")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EmbedSiteQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = "embedding site"

    def __str__(self) -> str:
        return self.name

    def origin_list(self) -> list[str]:
        try:
            return parse_origins(self.origins)
        except ValueError:
            return []  # clean() refuses such a value; never widen on a bad row

    def clean(self) -> None:
        try:
            origins = parse_origins(self.origins)
        except ValueError as exc:
            raise ValidationError({"origins": str(exc)}) from None
        if not origins:
            raise ValidationError({"origins": "List at least one origin."})
        self.origins = "\n".join(dict.fromkeys(origins))


# The widget's language codes: the article languages (also the interface's).
LANGUAGE_CODES = frozenset(code for code, _ in LANGUAGE_CHOICES)
