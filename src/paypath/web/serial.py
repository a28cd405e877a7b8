"""The web app's shared library state: one market store, and one lock around calls that query it.

The server runs sync endpoints in a thread pool; a DuckDB connection must not run two
queries at once, and the library shares one cached in-memory store. The work is
CPU-bound under the GIL anyway, so serialising it costs no throughput.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import cache
from typing import ParamSpec, TypeVar

from paypath.market.store import Store, bundled_store

__all__ = ["market_store", "serialized"]

P = ParamSpec("P")
R = TypeVar("R")

_LOCK = threading.Lock()


def serialized(func: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
    """``func(*args, **kwargs)`` while holding the library lock."""
    with _LOCK:
        return func(*args, **kwargs)


@cache
def market_store() -> Store:
    """The bundled market data, loaded once per process (``bundled_store()`` builds anew)."""
    return bundled_store()
