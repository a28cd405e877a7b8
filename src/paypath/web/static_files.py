"""Where the package's static files and templates live."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["static_dir"]


def static_dir() -> Path:
    """``paypath/web/static`` inside the installed package."""
    return Path(str(resources.files("paypath.web") / "static"))
