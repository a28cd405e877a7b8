"""Market data: ingest job postings, salary reports and surveys into a DuckDB store.

``open_store`` / ``bundled_store`` (store), ``ingest_file`` (ingest), ``SOURCES`` (readers),
``parse_location`` (locations); analytics live in ``paypath.market.analytics``.
"""

from paypath.market.ingest import IngestResult, ingest_file
from paypath.market.locations import Place, parse_location
from paypath.market.sources import SOURCES, source_kinds
from paypath.market.store import SCHEMA_SQL, Store, bundled_store, open_store

__all__ = [
    "SCHEMA_SQL",
    "SOURCES",
    "IngestResult",
    "Place",
    "Store",
    "bundled_store",
    "ingest_file",
    "open_store",
    "parse_location",
    "source_kinds",
]
