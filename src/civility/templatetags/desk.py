"""Parts of the moderator desk's items that are the same for every item of a page.

A desk list renders 50 items (moderators/_item.html); the Django template
engine costs about a millisecond per item, and at a million comments the
page's template was most of its time (docs/deployment.md, "A million
comments"). What does not differ between items is built once per page here
rather than once per item:

- ``{% clause_options clauses chosen %}``: the reject select's options, per
  language, clause list and choice (a page has one of each);
- ``{% desk_url "moderators:decide" comment.pk %}``: a comment's action URL,
  reversed once per name and filled with each comment's id.
"""

from __future__ import annotations

from functools import lru_cache

from django import template
from django.urls import get_script_prefix, reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

register = template.Library()


@register.simple_tag
def clause_options(clauses, chosen: str = "") -> SafeString:
    """``<option>``s for ``presentation.reject_choices(...)``, ``chosen`` selected."""
    return _options(get_language(), chosen or "", tuple(clauses))


@lru_cache(maxsize=256)
def _options(language: str | None, chosen: str, clauses: tuple) -> SafeString:
    # ``language`` is part of the key: the labels are translated in it (the active one).
    return format_html_join(
        "",
        '<option value="{}" title="{}"{}>{}</option>',
        (
            (c.id, c.text, mark_safe(" selected") if c.id == chosen else "", gettext(c.label))
            for c in clauses
        ),
    )


# An id no comment has: reversed once, then replaced by each comment's.
_ANY_ID = 2_147_480_001


@register.simple_tag
def desk_url(name: str, pk: int) -> str:
    """``{% url name pk %}`` for the desk's per-comment actions, without a reverse() each."""
    return _pattern(name, get_script_prefix()).replace(str(_ANY_ID), str(int(pk)), 1)


@lru_cache(maxsize=64)
def _pattern(name: str, prefix: str) -> str:
    return reverse(name, args=[_ANY_ID])
