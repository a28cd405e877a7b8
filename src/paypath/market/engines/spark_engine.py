"""The Apache Spark engine: the same analytics SQL run by Spark SQL.

A Parquet dataset is read in place: its committed files become Spark temporary views, for
a local one (:class:`~paypath.market.dataset.DatasetStore`) as for one on any Hadoop path
(:class:`~paypath.market.engines.spark_dataset.SparkDatasetStore`). A DuckDB store's
tables are exported to parquet in a private temporary directory and registered as views
(re-exported only when the store's contents change). The views belong to the session,
which names whose they are (``spark_dataset.VIEWS``), so engines sharing a session never
query another store's views. ``master`` is any Spark master URL: ``local[*]`` (the
default) or a cluster (``spark://host:7077``); on a cluster the temporary directory must be
on storage the executors can read. ``pyspark`` is imported only here; without it
:class:`~paypath.errors.EngineUnavailable` names the extra to install.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd

from paypath.market.dataset import DatasetStore
from paypath.market.engines import (
    PREMIUM_BATCH_ROWS,
    QuantileRow,
    StatsQuery,
    StoreLike,
    T,
    add_up,
)
from paypath.market.engines._sql import (
    PREMIUM_COLUMNS,
    SPARK,
    demand_sql,
    demand_total_sql,
    premium_bounds_sql,
    premium_listed_sql,
    premium_trimmed_sql,
    stats_sql,
)
from paypath.market.engines.spark_dataset import (
    VIEWS,
    SparkDatasetStore,
    dataset_views,
    use_views,
)

__all__ = ["DEFAULT_MASTER", "SparkEngine", "spark_session"]

DEFAULT_MASTER = "local[*]"
INSTALL_HINT = "pip install 'paypath[spark]'"
_EXPORTS = {
    "postings": f"SELECT {', '.join(PREMIUM_COLUMNS)}, region, city, record_kind FROM postings",
    "posting_skills": "SELECT posting_id, skill_id, mentions, asked FROM posting_skills",
    "pay_facts": "SELECT * FROM pay_facts",
}


def spark_session(master: str | None = None) -> Any:
    """A quiet Spark session (the active one if there is one); EngineUnavailable without
    pyspark. See :func:`paypath.market.engines.spark_ingest.quiet_session`."""
    from paypath.market.engines.spark_ingest import quiet_session

    return quiet_session(master)


def _reduced(
    rows: Iterable[Any], columns: list[str], fn: Callable[[pd.DataFrame], T]
) -> Iterator[T]:
    """On an executor: ``fn`` over one partition's rows in pandas batches, added up."""
    it = iter(rows)
    chunks = iter(lambda: list(islice(it, PREMIUM_BATCH_ROWS)), [])
    total = add_up(
        fn(pd.DataFrame.from_records([tuple(r) for r in chunk], columns=columns))
        for chunk in chunks
    )
    if total is not None:
        yield total


class _Sample:
    def __init__(
        self, session: Any, view: str, listed: int, bounds: tuple[float, float] | None
    ) -> None:
        self.session, self.view, self.listed, self.bounds = session, view, listed, bounds

    def reduce(self, fn: Callable[[pd.DataFrame], T]) -> T | None:
        """``fn`` runs on the executors, a partition at a time; only each partition's
        sum (a few hundred KB) travels to the driver, never the rows."""
        if self.bounds is None:
            return None
        frame = self.session.sql(premium_trimmed_sql(self.view, *self.bounds))
        columns = list(frame.columns)
        found = frame.rdd.mapPartitions(lambda rows: _reduced(rows, columns, fn)).collect()
        return add_up(found)


class SparkEngine:
    name = "spark"

    def __init__(self, master: str | None = None, session: Any = None) -> None:
        self.master = master
        self._session = session
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    @property
    def session(self) -> Any:
        if self._session is None:
            self._session = spark_session(self.master)
        return self._session

    def _views(self, store: StoreLike) -> Any:
        """The session, with the store's tables registered as temporary views (unless the
        session's views already are that store's: see ``spark_dataset.VIEWS``)."""
        from paypath.market.analytics import store_fingerprint

        session = self.session
        fingerprint = store_fingerprint(store)
        use_views(session, fingerprint, lambda: self._register(session, store, fingerprint))
        return session

    def _register(self, session: Any, store: StoreLike, fingerprint: tuple[object, ...]) -> None:
        if isinstance(store, DatasetStore | SparkDatasetStore):
            dataset_views(session, store)
            return
        if self._tmp is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="paypath-spark-")
        folder = Path(self._tmp.name) / str(abs(hash(fingerprint)))
        folder.mkdir(parents=True, exist_ok=True)
        cur = store.con.cursor()
        for table, select in _EXPORTS.items():
            path = folder / f"{table}.parquet"
            cur.execute(f"COPY ({select}) TO '{path.as_posix()}' (FORMAT parquet)")
            session.read.parquet(str(path)).createOrReplaceTempView(table)

    def _sql(self, store: StoreLike, sql: str, params: dict[str, str]) -> Any:
        return self._views(store).sql(sql, args=params)

    def pay_quantiles(self, store: StoreLike, query: StatsQuery) -> list[QuantileRow]:
        sql, params = stats_sql(query, SPARK)
        width = len(query.by)
        out = []
        for row in self._sql(store, sql, params).collect():
            if not row["n"]:
                continue
            out.append(
                QuantileRow(
                    group=tuple(None if v is None else str(v) for v in list(row)[:width]),
                    n=int(row["n"]),
                    quantiles=tuple(float(q) for q in row["q"]),
                )
            )
        return out

    def skill_counts(self, store: StoreLike, role: str) -> tuple[int, list[tuple[str, int]]]:
        total = self._sql(store, demand_total_sql(SPARK), {"role": role}).collect()[0]["n"]
        rows = self._sql(store, demand_sql(SPARK), {"role": role}).collect()
        return int(total), [(str(r["skill"]), int(r["n"])) for r in rows]

    @contextmanager
    def premium_sample(self, store: StoreLike, role: str | None, kind: str) -> Iterator[_Sample]:
        """The listed rows persisted (memory, then local disk) across the passes."""
        from pyspark import StorageLevel

        sql, params = premium_listed_sql(role, kind, SPARK)
        # not coalesced: a task that runs many of the join's partitions keeps each one's
        # sort buffers to its end (10M postings ran out of execution memory); a partition's
        # sum is a few hundred KB, so even hundreds of them are little for the driver
        kept = self._sql(store, sql, params).persist(StorageLevel.MEMORY_AND_DISK)
        name = f"premium_sample_{uuid.uuid4().hex}"
        kept.createOrReplaceTempView(name)
        try:
            row = self.session.sql(premium_bounds_sql(name, SPARK)).collect()[0]
            q = row["q"]
            bounds = None if q is None else (float(q[0]), float(q[1]))
            yield _Sample(self.session, name, int(row["n"]), bounds)
        finally:
            self.session.catalog.dropTempView(name)
            kept.unpersist()

    def close(self) -> None:
        """Forget the exported tables (the session is left running for reuse)."""
        if self._tmp is not None:
            if self._session is not None:  # the views may read the files cleaned up here
                self._session.conf.unset(VIEWS)
            self._tmp.cleanup()
            self._tmp = None
