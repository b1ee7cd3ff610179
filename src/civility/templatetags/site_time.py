"""``{{ when|site_time }}``: a time as readers see it (civility/sitetime.py)."""

from __future__ import annotations

from django import template

from civility import sitetime

register = template.Library()


@register.filter
def site_time(value) -> str:
    return sitetime.shown(value)
