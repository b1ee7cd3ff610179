"""The moderator desk's items, rendered in Python (moderators/item_html.py).

A desk list renders 50 items; as a Django template an item cost about 0.9 ms
of CPU, most of a page's time at a million comments (docs/deployment.md, "A
million comments"). The templates keep the page and call these tags:

- ``{% desk_item item %}`` (``oob=True`` for an htmx out-of-band swap): one
  item, built by ``item_html.item_html`` with what its page shares
  (``PageParts``: the CSRF input, where forms return to, the reject
  select's options), made once per page and kept in the context;
- ``{% desk_pick comment.pk featured view next_url %}``: the Feature / Stop
  featuring form alone (moderators/thread_tools.py swaps it in place).
"""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString

from civility.moderators import item_html

register = template.Library()

# Where ``desk_item`` keeps its page's parts: the context's bottom layer, which
# lives for the whole render (the loop's and the includes' layers come and go).
_PAGE_KEY = "_civility_desk_page"


def _next_url(context, given) -> str:
    """``given|default:request.get_full_path``, as the templates had it."""
    if given:
        return given
    request = context.get("request")
    return request.get_full_path() if request is not None else ""


def page_parts(context) -> item_html.PageParts:
    bottom = context.dicts[0]
    parts = bottom.get(_PAGE_KEY)
    if parts is None:
        parts = item_html.PageParts(
            csrf_input=item_html.csrf_input(context.get("csrf_token")),
            next_url=_next_url(context, context.get("back_url")),
            clauses=tuple(context.get("clauses") or ()),
        )
        bottom[_PAGE_KEY] = parts
    return parts


@register.simple_tag(takes_context=True)
def desk_item(context, item, oob=False) -> SafeString:
    return item_html.item_html(item, page_parts(context), oob=bool(oob))


@register.simple_tag(takes_context=True)
def desk_pick(context, pk, featured, view, next_url="") -> SafeString:
    csrf = item_html.csrf_input(context.get("csrf_token"))
    return item_html.pick_html(pk, bool(featured), view, _next_url(context, next_url), csrf)
