"""Market data: ingest job postings, salary reports and surveys into a DuckDB store.

``open_store`` / ``bundled_store`` (store), ``ingest_file`` (ingest), ``open_dataset`` /
``ingest_dataset`` (the Parquet dataset DuckDB and Spark share), ``SOURCES`` (readers),
``parse_location`` (locations); analytics live in ``paypath.market.analytics``.

Names are imported on first use, so ``import paypath.market.<module>`` loads only what
that module needs (pandas and DuckDB stay out of commands that never touch the store).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from paypath.market.dataset import open_dataset
    from paypath.market.ingest import IngestResult, ingest_dataset, ingest_file
    from paypath.market.locations import Place, parse_location
    from paypath.market.sources import SOURCES, source_kinds
    from paypath.market.store import SCHEMA_SQL, Store, bundled_store, open_store

_HOMES = {
    "SCHEMA_SQL": "paypath.market.store",
    "SOURCES": "paypath.market.sources",
    "IngestResult": "paypath.market.ingest",
    "Place": "paypath.market.locations",
    "Store": "paypath.market.store",
    "bundled_store": "paypath.market.store",
    "ingest_dataset": "paypath.market.ingest",
    "ingest_file": "paypath.market.ingest",
    "open_dataset": "paypath.market.dataset",
    "open_store": "paypath.market.store",
    "parse_location": "paypath.market.locations",
    "source_kinds": "paypath.market.sources",
}

__all__ = [
    "SCHEMA_SQL",
    "SOURCES",
    "IngestResult",
    "Place",
    "Store",
    "bundled_store",
    "ingest_dataset",
    "ingest_file",
    "open_dataset",
    "open_store",
    "parse_location",
    "source_kinds",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(home), name)
    globals()[name] = value
    return value
