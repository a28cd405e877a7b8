"""Fitted skill premiums cached on disk, once per data version (issue #20, cold start).

Fitting every premium regression costs seconds, and ``paypath advise`` needs them on each
run. The fits depend only on the store's contents and on the model's code, so they are
computed once and kept as JSON under the user cache dir (``platformdirs.user_cache_dir``,
or the ``PAYPATH_CACHE_DIR`` setting), in a file named by a content key:

- the store: for the bundled dataset, the SHA-256 of its parquet files; for a DuckDB file
  store, its path, size and modification time (any ingest rewrites the file);
- the model: the SHA-256 of the modules that compute premiums (and of the SQL that selects
  their rows and control columns) and of the skill catalog;
- the question: role, ``min_n`` and engine.

A changed store or model gives a new key, so a stale entry is never read (entries of an
older bundled dataset are removed when a new one is written). Stores held only in memory are not
cached. The cache is an optimisation: an unreadable or corrupt entry is recomputed, and a
cache dir that cannot be written is skipped silently (the result is still returned).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import platformdirs

from paypath.config import setting
from paypath.resources import data_path

__all__ = ["cache_dir", "cached", "content_key"]

# the code a fit depends on, relative to paypath/market/ (the SQL picks the rows and controls)
_MODEL_FILES = ("analytics.py", "premium_model.py", "premium_cache.py", "engines/_sql.py")


def cache_dir() -> Path:
    """Where cached premiums live (not created here)."""
    configured = setting("cache_dir")
    base = Path(configured) if configured else Path(platformdirs.user_cache_dir("paypath"))
    return base / "premiums"


@cache
def _model_hash() -> str:
    h = hashlib.sha256()
    here = Path(__file__).parent
    for name in _MODEL_FILES:
        h.update((here / name).read_bytes())
    h.update(Path(data_path("skills.yaml")).read_bytes())
    return h.hexdigest()[:16]


@cache
def _bundled_hash() -> str:
    h = hashlib.sha256()
    for table in ("postings", "posting_skills"):
        h.update(Path(data_path(f"market/{table}.parquet")).read_bytes())
    return h.hexdigest()[:16]


def _store_key(store: Any) -> str | None:
    if getattr(store, "bundled", False):
        return f"bundled-{_bundled_hash()}"
    path = getattr(store, "path", None)
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    ident = f"{Path(path).resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    return "db-" + hashlib.sha256(ident.encode()).hexdigest()[:16]


def content_key(store: Any, *question: object) -> str | None:
    """The cache file's stem for a store and a question; None when it cannot be cached."""
    store_key = _store_key(store)
    if store_key is None:
        return None
    asked = hashlib.sha256(repr(question).encode()).hexdigest()[:12]
    return f"{store_key}-{_model_hash()}-{asked}"


def cached(
    store: Any,
    question: tuple[object, ...],
    compute: Callable[[], list[dict[str, Any]]],
) -> list[dict[str, Any]]:
    """``compute()`` (a JSON-able list of dicts), read from or written to the disk cache."""
    key = content_key(store, *question)
    if key is None:
        return compute()
    folder = cache_dir()
    path = folder / f"{key}.json"
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(loaded, list):
            return loaded
    except (OSError, ValueError):
        pass
    value = compute()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(value, f)
        os.replace(tmp, path)
        current = f"{key.rsplit('-', 2)[0]}-"
        if current.startswith("bundled-"):  # an older bundled dataset's entries are stale
            for old in folder.glob("bundled-*.json"):
                if not old.name.startswith(current):
                    old.unlink(missing_ok=True)
    except OSError:
        pass
    return value
