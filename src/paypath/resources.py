"""One cached accessor for package data (``src/paypath/data``)."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from paypath.errors import DataError

__all__ = ["data_path", "load_yaml"]

# libyaml's C loader parses the taxonomy about 8x faster than the pure-Python one; both
# build the same plain Python values, so the pure-Python loader is only the fallback.
_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def data_path(name: str) -> Path:
    """The filesystem path of a package data file; :class:`DataError` if it is missing."""
    path = Path(str(resources.files("paypath") / "data" / name))
    if not path.exists():
        raise DataError(f"package data file {name!r} is missing; reinstall paypath (make install)")
    return path


@cache
def load_yaml(name: str) -> Any:
    """Parsed YAML of a package data file, read once per process."""
    with data_path(name).open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_LOADER)  # a safe loader, C or Python
