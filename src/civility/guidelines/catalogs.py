"""Put the policy's clause words into the translation catalogs, keyed by clause id.

    python -m civility.guidelines.catalogs        # then translate, then compilemessages

The clause texts and reader messages live in one place, the policy file
(``moderation/default_policy.toml``); ``makemessages`` only reads code and
templates, so it cannot see them, and with ``--no-obsolete`` it would drop
them. This does for the policy what ``makemessages`` does for the code: each
clause's text and message becomes an entry under the context
``clause:<id>`` in every ``locale/*/LC_MESSAGES/django.po``. An entry that
exists (or that ``makemessages`` marked obsolete, ``#~``) keeps its
translation; a new or changed one is added with an empty ``msgstr`` to
translate. Entries for words the policy no longer has are left for
``makemessages --no-obsolete`` to drop. ``tests/i18n/test_catalogs.py``
fails until every catalog translates every clause (docs/languages.md).
"""

from __future__ import annotations

import ast
from pathlib import Path

from civility.moderation import load_policy

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def clause_words() -> list[tuple[str, str]]:
    """(context, English) for every clause text and message, in the policy's order."""
    words = []
    for clause in load_policy().clauses:
        words += [(f"clause:{clause.id}", clause.text), (f"clause:{clause.id}", clause.message)]
    return words


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _key(block: str) -> tuple[str, str] | None:
    """(context, msgid) of a .po entry, obsolete or not; None for the header."""
    fields: dict[str, str] = {}
    name = None
    for line in block.splitlines():
        line = line.removeprefix("#~ ")
        head, _, rest = line.partition(" ")
        if head in ("msgctxt", "msgid") and rest.startswith('"'):
            name, fields[head] = head, ast.literal_eval(rest)
        elif line.startswith('"') and name:
            fields[name] += ast.literal_eval(line)
        elif line.startswith(("msgstr", "msgid_plural")):
            name = None
    if not fields.get("msgid"):
        return None
    return fields.get("msgctxt", ""), fields["msgid"]


def update(po: Path) -> int:
    """Bring one catalog up to the policy; the number of entries added."""
    blocks = po.read_text(encoding="utf-8").rstrip("\n").split("\n\n")
    keyed = {_key(block): n for n, block in enumerate(blocks)}
    added = 0
    for context, english in clause_words():
        n = keyed.get((context, english))
        if n is not None:
            # Revive an entry makemessages marked obsolete, with its translation.
            lines = [line.removeprefix("#~ ") for line in blocks[n].splitlines()]
            blocks[n] = "\n".join(lines)
            continue
        blocks.append(f'msgctxt {_quoted(context)}\nmsgid {_quoted(english)}\nmsgstr ""')
        added += 1
    po.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")
    return added


def main() -> int:
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/django.po")):
        print(f"{po.relative_to(LOCALE)}: {update(po)} clause entries to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
