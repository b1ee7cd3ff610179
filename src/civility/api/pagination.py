"""Page numbers, 50 items a page (as on the article page)."""

from __future__ import annotations

from civility.errors import ValidationFailed

PAGE_SIZE = 50


def paginate(queryset, page: int, size: int = PAGE_SIZE) -> tuple[dict, list]:
    if page < 1:
        raise ValidationFailed("page must be 1 or more.", field="page", code="invalid_page")
    count = queryset.count()
    pages = max(1, -(-count // size))
    # Past the last page there is nothing to fetch; asking the database for an
    # offset beyond its integer range (?page=10**20) would fail instead.
    items = list(queryset[(page - 1) * size : page * size]) if page <= pages else []
    return {"count": count, "page": page, "pages": pages}, items
