"""The docs name code that exists: every ``file.py:name`` and every ``.py`` path.

Docs that describe a function which was renamed or a module which moved
mislead the next reader more than no docs. Each ``path.py:name`` reference
in the Markdown files must name a module of this repository (under
``src/civility/``, or from the repository root: ``bench/``, ``tests/``) that
defines ``name`` at its top level (a function, a class or an assignment;
``Class.method`` looks inside the class), and each other ``path.py`` with a
folder must name a file that exists.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "src" / "civility"
DOCS = sorted([*REPO.glob("*.md"), *(REPO / "docs").rglob("*.md"), *(REPO / "bench").glob("*.md")])
REFERENCE = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w-]+\.py):([A-Za-z_][\w.]*)")
PATH = re.compile(r"(?<![\w/.:-])((?:[\w.-]+/)+[\w-]+\.py)\b(?!:[A-Za-z_])")
# Files of other projects the docs cite as examples to learn from.
NOT_OURS = {"views/comments.py"}


def module_file(name: str) -> Path | None:
    name = name.removeprefix("src/civility/").removeprefix("civility/")
    for base in (PACKAGE, REPO):
        if (base / name).is_file():
            return base / name
    return None


@cache
def top_level_names(path: Path) -> dict[str, ast.AST]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names[node.name] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name):
                    names[target.id] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] = node
    return names


def defines(path: Path, dotted: str) -> bool:
    first, *rest = dotted.rstrip(".").split(".")
    node = top_level_names(path).get(first)
    for part in rest:
        if not isinstance(node, ast.ClassDef):
            return False
        node = next(
            (n for n in node.body if getattr(n, "name", None) == part),
            None,
        )
    return node is not None


def references() -> list[tuple[str, str, str]]:
    found = []
    for doc in DOCS:
        text = doc.read_text(encoding="utf-8")
        for match in REFERENCE.finditer(text):
            found.append((str(doc.relative_to(REPO)), match.group(1), match.group(2)))
    return found


def paths() -> list[tuple[str, str]]:
    found = []
    for doc in DOCS:
        for match in PATH.finditer(doc.read_text(encoding="utf-8")):
            if match.group(1) not in NOT_OURS:
                found.append((str(doc.relative_to(REPO)), match.group(1)))
    return sorted(set(found))


def test_the_docs_name_code_by_file_and_function():
    assert len(references()) >= 10  # the pattern still finds what it should


@pytest.mark.parametrize("doc, module, name", references(), ids=lambda v: str(v))
def test_a_named_function_exists(doc, module, name):
    path = module_file(module)
    assert path is not None, f"{doc}: {module} does not exist"
    assert defines(path, name), f"{doc}: {module} defines no {name}"


@pytest.mark.parametrize("doc, module", paths(), ids=lambda v: str(v))
def test_a_named_file_exists(doc, module):
    assert module_file(module) is not None, f"{doc}: {module} does not exist"
