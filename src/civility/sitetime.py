"""Times as readers see them: in the site's zone, saying which.

``CIVILITY_TIME_ZONE`` (Rudaw: Asia/Baghdad) is Django's TIME_ZONE. A time
shown to people is written ``21-04-2016 15:30 UTC+3`` (the zone's offset at
that moment, so a reader in another zone can tell), inside ``<time
datetime="…">`` with the exact instant for machines. The widget shows
"5 minutes ago" and keeps this text in its tooltip (static/civility/embed.js).
"""

from __future__ import annotations

from datetime import datetime

from django.utils import dateformat, timezone

FORMAT = "d-m-Y H:i"


def utc_offset(local: datetime) -> str:
    """ "UTC", "UTC+3", "UTC+5:30", "UTC-3:30" for an aware time."""
    offset = local.utcoffset()
    minutes = int(offset.total_seconds() // 60) if offset is not None else 0
    if not minutes:
        return "UTC"
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes > 0 else "-"
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def shown(value: datetime | None) -> str:
    """The time as readers see it: ``21-04-2016 15:30 UTC+3`` in the site's zone."""
    if value is None:
        return ""
    local = timezone.localtime(value)
    return f"{dateformat.format(local, FORMAT)} {utc_offset(local)}"
