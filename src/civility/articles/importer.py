"""Importing articles from the publisher: one JSON object per article.

``civility articles import FILE.json`` and ``POST /api/articles`` both come
here. Every record is checked before anything is written, and a bad record
is reported by its index and field, so a publisher can fix the feed instead
of guessing. Records are matched by slug: importing the same file twice
changes nothing.

A record::

    {"slug": "russia-defends-aleppo", "title": "...", "published": "2016-04-21",
     "source": "Rudaw", "dateline": "ERBIL, Kurdistan Region", "body": "...",
     "language": "en", "tags": ["Aleppo", "Syria"], "comments_open": true,
     "external_id": "rudaw-123"}

``published`` may also be written DD-MM-YYYY, as the publisher shows it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from civility.abuse.textrules import check_storable
from civility.errors import ValidationFailed

from .models import LANGUAGE_CHOICES, Article, Tag

REQUIRED = ("slug", "title", "published", "body")
OPTIONAL = ("source", "dateline", "language", "tags", "comments_open", "external_id")
LANGUAGE_CODES = {code for code, _ in LANGUAGE_CHOICES}


@dataclass
class ImportReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )


class RecordInvalid(ValidationFailed):
    """One field of one record is wrong; ``index`` is its position in the file."""

    def __init__(self, message: str, *, field: str, index: int | None = None, code="invalid"):
        self.index = index
        prefix = f"record {index}: " if index is not None else ""
        super().__init__(f"{prefix}{field}: {message}", field=field, code=code)


def parse_date(raw: Any) -> dt.date:
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, str):
        for fmt in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(raw.strip(), fmt).date()
            except ValueError:
                continue
    raise ValueError(f"must be a date written YYYY-MM-DD or DD-MM-YYYY, got {raw!r}")


def clean_record(record: Any, index: int | None = None) -> dict[str, Any]:
    """A validated copy of one record, or RecordInvalid naming the field."""

    def bad(name, message, code="invalid"):
        return RecordInvalid(message, field=name, index=index, code=code)

    if not isinstance(record, dict):
        raise bad("record", f"must be an object, got {type(record).__name__}")
    unknown = sorted(set(record) - set(REQUIRED) - set(OPTIONAL))
    if unknown:
        raise bad(unknown[0], "unknown field", code="unknown_field")
    for name in REQUIRED:
        value = record.get(name)
        if not isinstance(value, str | dt.date) or (isinstance(value, str) and not value.strip()):
            raise bad(name, "is required", code="required")
    for name in ("title", "body", "source", "dateline"):
        if record.get(name) is not None and not isinstance(record[name], str):
            raise bad(name, "must be a string")

    for name in ("slug", "title", "body", "source", "dateline"):
        if isinstance(record.get(name), str):
            try:
                check_storable(record[name], field=name)
            except ValidationFailed as exc:
                raise bad(name, exc.message, code=exc.code) from None

    slug = record["slug"].strip()
    if slugify(slug, allow_unicode=True) != slug:
        raise bad("slug", f"must be lowercase letters, digits and hyphens, got {slug!r}")
    if len(slug) > 200:
        raise bad("slug", "is longer than 200 characters")
    if len(record["title"]) > 300:
        raise bad("title", "is longer than 300 characters")
    try:
        published = parse_date(record["published"])
    except ValueError as exc:
        raise bad("published", str(exc)) from None
    language = record.get("language", "en") or "en"
    if language not in LANGUAGE_CODES:
        raise bad(
            "language", f"must be one of {', '.join(sorted(LANGUAGE_CODES))}, got {language!r}"
        )
    tags = record.get("tags", []) or []
    if isinstance(tags, str):
        raise bad("tags", "must be a list of names, not one string")
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise bad("tags", "must be a list of names")
    for tag in tags:
        try:
            check_storable(tag, field="tags")
        except ValidationFailed as exc:
            raise bad("tags", exc.message, code=exc.code) from None
    comments_open = record.get("comments_open", True)
    if not isinstance(comments_open, bool):
        raise bad("comments_open", "must be true or false")
    external_id = record.get("external_id")
    if external_id is not None and (not isinstance(external_id, str | int) or external_id == ""):
        raise bad("external_id", "must be a non-empty string or null")

    return {
        "slug": slug,
        "title": record["title"].strip(),
        "published": published,
        "source": (record.get("source") or "").strip(),
        "dateline": (record.get("dateline") or "").strip(),
        "body": record["body"].replace("\r\n", "\n").strip(),
        "language": language,
        "tags": [t.strip() for t in tags if t.strip()],
        "comments_open": comments_open,
        "external_id": None if external_id is None else str(external_id),
    }


def _upsert(clean: dict[str, Any]) -> str:
    fields = {k: v for k, v in clean.items() if k not in {"slug", "tags"}}
    article = Article.objects.filter(slug=clean["slug"]).first()
    if article is None:
        article = Article.objects.create(slug=clean["slug"], **fields)
        article.tags.set(Tag.objects.for_names(clean["tags"]))
        return "created"
    tags = Tag.objects.for_names(clean["tags"])
    changed = any(getattr(article, k) != v for k, v in fields.items())
    changed |= {t.pk for t in tags} != set(article.tags.values_list("pk", flat=True))
    if not changed:
        return "unchanged"
    for key, value in fields.items():
        setattr(article, key, value)
    article.save()
    article.tags.set(tags)
    return "updated"


def import_articles(data: Any) -> ImportReport:
    """Validate every record, then upsert them all in one transaction."""
    records = data if isinstance(data, list) else [data]
    single = not isinstance(data, list)
    cleaned = [clean_record(r, None if single else i) for i, r in enumerate(records)]

    seen: dict[str, int] = {}
    for i, clean in enumerate(cleaned):
        if clean["slug"] in seen:
            raise RecordInvalid(
                f"repeats the slug of record {seen[clean['slug']]}", field="slug", index=i
            )
        seen[clean["slug"]] = i
    for i, clean in enumerate(cleaned):
        external_id = clean["external_id"]
        if external_id is None:
            continue
        owner = Article.objects.filter(external_id=external_id).exclude(slug=clean["slug"]).first()
        if owner is not None:
            raise RecordInvalid(
                f"{external_id!r} already belongs to article {owner.slug!r}",
                field="external_id",
                index=None if single else i,
                code="duplicate",
            )

    report = ImportReport()
    with transaction.atomic():
        for clean in cleaned:
            getattr(report, _upsert(clean)).append(clean["slug"])
    return report
