"""Settings in one declarative table.

Each setting has a default and an environment variable that overrides it, so the
CLI, the web app and tests read the same values.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

__all__ = [
    "SETTINGS",
    "Setting",
    "cache_root",
    "data_dir",
    "default_db_path",
    "make_cache_dir",
    "setting",
]


@dataclass(frozen=True)
class Setting:
    name: str
    env: str
    default: str
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "data_dir", "PAYPATH_DATA_DIR", "", "Where the DuckDB store lives (default: user data dir)."
    ),
    Setting("db", "PAYPATH_DB", "", "Path of the DuckDB store (default: DATA_DIR/paypath.duckdb)."),
    Setting("engine", "PAYPATH_ENGINE", "duckdb", "Analytics engine: duckdb or spark."),
    Setting(
        "base_currency", "PAYPATH_BASE_CURRENCY", "USD", "Currency every figure is converted to."
    ),
    Setting("min_n", "PAYPATH_MIN_N", "10", "Cells with fewer observations are suppressed."),
    Setting(
        "cache_dir",
        "PAYPATH_CACHE_DIR",
        "",
        "Cache of fitted premiums, parsed data (default: user cache dir).",
    ),
)
_BY_NAME = {s.name: s for s in SETTINGS}


def setting(name: str) -> str:
    """The value of a setting: its environment variable if set, else its default."""
    s = _BY_NAME[name]
    return os.environ.get(s.env) or s.default


def data_dir() -> Path:
    """The user's paypath data directory (not created here)."""
    configured = setting("data_dir")
    return Path(configured) if configured else Path(platformdirs.user_data_dir("paypath"))


def cache_root() -> Path:
    """The user's paypath cache directory (not created here); what is in it can be rebuilt."""
    configured = setting("cache_dir")
    return Path(configured) if configured else Path(platformdirs.user_cache_dir("paypath"))


def make_cache_dir(name: str) -> Path:
    """``cache_root()/name``, created owner-only (0700, as is the root when made here)."""
    root = cache_root()
    root.mkdir(mode=0o700, parents=True, exist_ok=True)
    folder = root / name
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def default_db_path() -> Path:
    configured = setting("db")
    return Path(configured) if configured else data_dir() / "paypath.duckdb"
