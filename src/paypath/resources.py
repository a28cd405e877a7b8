"""One cached accessor for package data (``src/paypath/data``)."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from paypath.config import cache_root, make_cache_dir
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
    """Parsed YAML of a package data file, read once per process.

    Parsing the taxonomy costs 0.1-0.6 s even with the C loader (its constructor is
    Python), a large share of a cold ``paypath advise``; JSON of the same values loads
    about 10x faster. So the parsed values are also kept as JSON in the user cache dir
    (``cache_root()/data``, 0700), named by the SHA-256 of the YAML's bytes: an edited
    file gets a new name, and values JSON cannot hold exactly are not cached. The cache is
    an optimisation: an unreadable entry is parsed again, an unwritable dir skipped.
    """
    raw = data_path(name).read_bytes()
    entry = cache_root() / "data" / f"{Path(name).stem}-{hashlib.sha256(raw).hexdigest()[:16]}.json"
    try:
        return json.loads(entry.read_bytes())
    except (OSError, ValueError):
        pass
    value = yaml.load(raw, Loader=_LOADER)  # a safe loader, C or Python
    _keep(entry, value)
    return value


def _keep(entry: Path, value: Any) -> None:
    try:
        text = json.dumps(value)
        if json.loads(text) != value:
            return  # dates, integer keys ...: JSON would not give the same values back
        fd, tmp = tempfile.mkstemp(dir=make_cache_dir("data"), suffix=".tmp")  # 0600
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, entry)
    except (OSError, TypeError, ValueError):
        pass
