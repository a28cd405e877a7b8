"""The "before" side of a before/after benchmark: main's ``src`` tree, extracted from git."""

from __future__ import annotations

import subprocess
import tarfile
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main_src(tmp: str) -> str:
    """Extract the ``src`` folder of branch ``main`` into ``tmp``; return its path (for
    ``PYTHONPATH``), so a script can run the same measurement on main's code."""
    blob = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "main", "src"], check=True, capture_output=True
    ).stdout
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(tmp, filter="data")
    return str(Path(tmp) / "src")
