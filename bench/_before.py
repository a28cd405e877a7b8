"""The "before" side of a before/after benchmark: main's ``src`` tree, extracted from git."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import tempfile
from io import BytesIO
from pathlib import Path
from typing import Any

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


def run_on_main(script: str, *args: str, cache_dir: bool = False) -> dict[str, Any]:
    """Run ``script`` (a bench file) with main's ``src`` on ``PYTHONPATH`` and ``args``; its
    stdout parsed as JSON. ``cache_dir``: give it an empty ``PAYPATH_CACHE_DIR`` too."""
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "PYTHONPATH": main_src(tmp)}
        if cache_dir:
            env["PAYPATH_CACHE_DIR"] = tmp
        res = subprocess.run(
            [sys.executable, script, *args],
            env=env,
            capture_output=True,
            text=True,
            check=True,
            cwd=tmp,
        )
    result: dict[str, Any] = json.loads(res.stdout)
    return result
