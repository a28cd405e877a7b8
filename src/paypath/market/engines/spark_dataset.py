"""A market dataset read through Spark and Hadoop's FileSystem, on any Hadoop-compatible
path (``hdfs://``, ``s3a://``, ``file://``, …): no copy to local disk, no DuckDB.

:func:`open_spark_dataset` reads the committed manifest with
:class:`~paypath.market.engines.spark_ingest.HadoopFileSystem` and returns a
:class:`SparkDatasetStore`: the dataset as of that manifest version. The Spark engine
registers its committed files as the session's views (the same
:func:`~paypath.market.engines.spark_ingest.read_table` as for a local dataset), and the
few lookups analytics make besides the engine's queries (the ``source`` line, whether a
skill id is stored) run as Spark SQL on the same views (:meth:`SparkDatasetStore.rows`).
Its fingerprint comes from the manifest: committed files are never rewritten and each
ingest has a fresh id, so the manifest's ingest ids name the contents.

A store has no DuckDB connection: ``con`` raises :class:`~paypath.errors.StoreError` saying
to use the Spark engine. ``pyspark`` is imported only when a store is opened.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from types import TracebackType
from typing import TYPE_CHECKING, Any

from paypath.errors import StoreError
from paypath.market.dataset import MANIFEST, Manifest

if TYPE_CHECKING:
    import duckdb

    from paypath.market.dataset import DatasetStore

__all__ = ["VIEWS", "SparkDatasetStore", "dataset_views", "open_spark_dataset", "use_views"]

# The session's setting that names whose tables its views hold (a store's fingerprint):
# views belong to the Spark session, which every engine and store in the process shares.
VIEWS = "paypath.views"


class SparkDatasetStore:
    """A read-only dataset at a Hadoop URI, read by Spark: analytics take it as a store
    with ``engine="spark"``."""

    bundled = False
    read_only = True
    path = None  # not a file: its fitted premiums are not cached on disk

    def __init__(self, session: Any, uri: str, manifest: Manifest) -> None:
        self.session = session
        self.uri = uri
        self.manifest = manifest

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        raise StoreError(
            f"the dataset {self.uri} is read through Spark (a Hadoop path), not DuckDB: "
            "use the Spark engine (--engine spark)"
        )

    def files(self, table: str) -> list[str]:
        """Full URIs of ``table``'s committed files (``file://`` ones stay URIs)."""
        return [f"{self.uri}/{rel}" for rel in self.manifest.files(table)]

    def fingerprint(self) -> tuple[object, ...]:
        """The contents' identity: the URI and the committed ingests (no query)."""
        ingests = hashlib.sha256("\n".join(e.id for e in self.manifest.ingests).encode())
        return ("spark-dataset", self.uri, self.manifest.version, ingests.hexdigest()[:16])

    def rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple[Any, ...]]:
        """Rows of one Spark SQL query (``?`` parameters) over the dataset's tables."""
        use_views(self.session, self.fingerprint(), lambda: dataset_views(self.session, self))
        return [tuple(r) for r in self.session.sql(sql, args=list(params)).collect()]

    def __enter__(self) -> SparkDatasetStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Nothing to release: the session stays up for reuse (its views are replaced by
        the next store's)."""


def dataset_views(session: Any, store: DatasetStore | SparkDatasetStore) -> None:
    """A dataset's tables as the session's views over its committed files: read in place,
    no export."""
    from paypath.market.engines.spark_ingest import read_table
    from paypath.market.store import PAY_FACTS_SELECT

    for table in ("postings", "posting_skills"):
        read_table(session, store.uri, table, store.files(table)).createOrReplaceTempView(table)
    session.sql(PAY_FACTS_SELECT).createOrReplaceTempView("pay_facts")


def use_views(session: Any, owner: tuple[object, ...], register: Callable[[], None]) -> None:
    """Make the session's views those of the store whose fingerprint is ``owner``, by
    calling ``register``, unless they already are (``VIEWS`` names whose they are)."""
    mark = repr(owner)
    if session.conf.get(VIEWS, None) != mark:
        register()
        session.conf.set(VIEWS, mark)


def _java_reason(exc: Exception) -> str:
    """A JVM exception's own message (py4j's first line names only the call)."""
    java = getattr(exc, "java_exception", None)
    text = str(java.toString()) if java is not None else str(exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0]


def open_spark_dataset(
    uri: str, *, session: Any = None, master: str | None = None
) -> SparkDatasetStore:
    """The dataset at ``uri`` (any URI Hadoop's FileSystem reads) as a read-only store,
    through ``session`` (default: a quiet one on ``master``)."""
    from paypath.market.engines.spark_ingest import HadoopFileSystem, quiet_session

    if session is None:
        session = quiet_session(master)
    root = str(uri).rstrip("/")
    path = f"{root}/{MANIFEST}"
    fs = HadoopFileSystem(session)
    try:
        found = fs.exists(path)
        text = fs.read_text(path) if found else ""
    except Exception as exc:  # no connector for the scheme, host unreachable, denied, …
        raise StoreError(
            f"could not read the dataset at {uri}: {_java_reason(exc)}; check the URI, and "
            "that Spark has the Hadoop connector and credentials for it (e.g. hadoop-aws "
            "for s3a://)"
        ) from exc
    if not found:
        raise StoreError(
            f"no dataset at {uri} (no {MANIFEST}); create it with `paypath market ingest "
            "FILE --source KIND --engine spark --out DATASET`"
        )
    return SparkDatasetStore(session, root, Manifest.from_json(text, path))
