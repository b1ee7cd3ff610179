"""The repository keeps its promises: the commands the README names work, the
docs it links exist, the code is lint-clean, the engine stands without Django,
and no labelled data or pickled model found its way into the tree."""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from civility.cli import build_parser

REPO_ROOT = Path(__file__).resolve().parent.parent
# Folders that are not the project's own text: tools, caches, build output.
NOT_OURS = {".git", ".venv", "var", "test-artifacts", "build", "dist", "node_modules"}
MARKDOWN_LINK = re.compile(r"!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")


def project_files(pattern: str) -> list[Path]:
    return sorted(
        path
        for path in REPO_ROOT.rglob(pattern)
        if not NOT_OURS & set(path.relative_to(REPO_ROOT).parts)
        and not any(part.startswith(".") for part in path.relative_to(REPO_ROOT).parts[:-1])
    )


def tracked_files() -> list[Path]:
    if shutil.which("git") is None or not (REPO_ROOT / ".git").exists():
        pytest.skip("not a git checkout: the tracked files cannot be listed")
    out = subprocess.run(
        ["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=True
    ).stdout
    return [REPO_ROOT / name for name in out.decode().split("\0") if name]


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


# --------------------------------------------------------------- commands ----


def command_paths(parser: argparse.ArgumentParser | None = None) -> list[tuple[str, ...]]:
    """Every command and nested subcommand: ("demo",), ("policy", "check"), ..."""
    parser = parser or build_parser()
    paths = []
    for action in parser._actions:  # argparse keeps subparsers only here
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                paths.append((name,))
                paths.extend((name, *rest) for rest in command_paths(sub))
    return sorted(paths)


def test_the_cli_has_the_subcommands_the_readme_names():
    names = {path[0] for path in command_paths()}
    assert {"demo", "serve", "manage", "moderate", "policy", "train", "evaluate"} <= names


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_answers_help(path, capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args([*path, "--help"])
    assert exit_info.value.code == 0
    assert capsys.readouterr().out.startswith(f"usage: civility {' '.join(path)}")


def test_civility_help_stays_light():
    # `civility --help` must be instant, so subcommands import Django, numpy
    # and the models inside their functions, never at module level.
    loaded = run_python(
        "import sys; from civility.cli import build_parser; build_parser().format_help();"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'django', 'numpy', 'sklearn'}))"
    )
    assert loaded == "[]"


def test_the_engine_imports_without_django():
    loaded = run_python(
        "import importlib, pkgutil, sys\n"
        "import civility.moderation as engine\n"
        "for info in pkgutil.walk_packages(engine.__path__, 'civility.moderation.'):\n"
        "    importlib.import_module(info.name)\n"
        "print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    )
    assert loaded == "[]"


def test_run_prints_usage_without_a_command():
    result = subprocess.run(
        ["bash", str(REPO_ROOT / "run")], capture_output=True, text=True, timeout=30
    )
    assert result.returncode == 2
    assert "usage: ./run COMMAND" in result.stdout
    for command in ("demo", "test", "lint"):
        assert f"\n  {command} " in result.stdout


@pytest.mark.parametrize("script", ["run", ".ci/run"])
def test_scripts_are_executable_bash(script):
    path = REPO_ROOT / script
    assert os.access(path, os.X_OK), f"{script} lost its executable bit"
    result = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


# ------------------------------------------------------------------ lint ----


# Code samples in the docs are laid out for reading (aligned comments, one
# call per line), so the formatter checks Python files only.
FORMAT_CHECK = ["format", "--check", "--extend-exclude", "*.md"]


@pytest.mark.parametrize("args", [["check"], FORMAT_CHECK], ids=["check", "format"])
def test_ruff_is_clean(args):
    result = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "."],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# ------------------------------------------------------------------ docs ----


def test_markdown_links_point_at_files_that_exist():
    broken = []
    for page in project_files("*.md"):
        for target in MARKDOWN_LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                continue  # a web address or an anchor in the same page
            if not (page.parent / target.split("#")[0]).exists():
                broken.append(f"{page.relative_to(REPO_ROOT)} -> {target}")
    assert not broken, "broken links:\n" + "\n".join(broken)


def test_the_docs_index_lists_every_page():
    index = (REPO_ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    linked = {
        (REPO_ROOT / "docs" / target.split("#")[0]).resolve()
        for target in MARKDOWN_LINK.findall(index)
    }
    pages = [p for p in project_files("*.md") if REPO_ROOT / "docs" in p.parents]
    missing = [
        str(p.relative_to(REPO_ROOT)) for p in pages if p.name != "index.md" and p not in linked
    ]
    assert not missing, f"add these pages to docs/index.md: {missing}"


# ------------------------------------------------------------------ data ----


def test_no_labelled_data_is_committed():
    # The labelled sets live in ../shared/data under their own licences; the
    # repository holds code, small test fixtures and the shipped model only.
    data_like = {".csv", ".tsv", ".jsonl", ".parquet", ".xlsx", ".arrow"}
    large = [
        f"{path.relative_to(REPO_ROOT)} ({path.stat().st_size // 1024} KiB)"
        for path in tracked_files()
        if path.suffix.lower() in data_like and path.exists() and path.stat().st_size > 256 * 1024
    ]
    assert not large, f"data files belong in ../shared/data, not the repository: {large}"


def test_model_files_are_not_pickles():
    import numpy as np

    files = tracked_files()
    pickles = [p.name for p in files if p.suffix.lower() in {".pkl", ".pickle", ".joblib"}]
    assert not pickles, f"pickles run code when loaded; ship arrays and JSON instead: {pickles}"
    for path in (p for p in files if p.suffix.lower() == ".npz" and p.exists()):
        # allow_pickle=False raises on any object array hidden in the archive.
        with np.load(path, allow_pickle=False) as archive:
            for name in archive.files:
                archive[name]
