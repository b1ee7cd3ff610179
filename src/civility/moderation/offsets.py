"""Rewriting text while keeping the map back to the reader's offsets.

Every step of normalisation returns a new text and, for each of its
characters, the index in the reader's text of the character it came from
(plus one last entry, the original length): see ``context.Normalised``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["rewrite"]


def rewrite(
    text: str,
    omap: list[int],
    pattern: re.Pattern[str],
    replace: Callable[[re.Match[str]], tuple[str, Sequence[int]]],
) -> tuple[str, list[int]]:
    """Apply ``replace(match) -> (new_text, source_indices)`` to every match.

    ``source_indices`` gives, for each character of ``new_text``, its index
    within the match, so the offset map stays exact.
    """
    out: list[str] = []
    new_map: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        start, end = m.span()
        replacement, sources = replace(m)
        if replacement == m.group():
            continue
        out.append(text[pos:start])
        new_map.extend(omap[pos:start])
        out.append(replacement)
        new_map.extend(omap[start + k] for k in sources)
        pos = end
    if not out:
        return text, omap
    out.append(text[pos:])
    new_map.extend(omap[pos:])
    return "".join(out), new_map
