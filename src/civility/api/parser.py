"""The JSON body parser, with an explicit nesting limit.

Python's own parser gives up on deep nesting at a depth that changed between
versions (3.12 refuses 5,000 levels, 3.13 accepts them), so the limit is ours:
no request of this API needs more than a few levels, and anything deeper is
refused as unreadable JSON (400 ``bad_json``) whatever Python runs the site.
"""

from __future__ import annotations

import json

from ninja.parser import Parser

MAX_JSON_DEPTH = 32


class JSONDepthError(ValueError):
    pass


def json_depth(value) -> int:
    """Depth of nested lists and objects, without recursion."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_JSON_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children)
    return deepest


class BoundedJSONParser(Parser):
    def parse_body(self, request):
        data = json.loads(request.body)
        if json_depth(data) > MAX_JSON_DEPTH:
            raise JSONDepthError(f"JSON nested deeper than {MAX_JSON_DEPTH} levels")
        return data
