"""The Apache Spark engine: the same analytics SQL run by Spark SQL.

The store's tables are exported from DuckDB to parquet in a private temporary directory
and registered as Spark temporary views (re-exported only when the store's contents
change). ``master`` is any Spark master URL: ``local[*]`` (the default) or a cluster
(``spark://host:7077``); on a cluster the temporary directory must be on storage the
executors can read. ``pyspark`` is imported only here; without it
:class:`~paypath.errors.EngineUnavailable` names the extra to install.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from paypath.errors import EngineUnavailable
from paypath.market.engines import PremiumFrame, QuantileRow, StatsQuery, StoreLike
from paypath.market.engines._sql import (
    PREMIUM_COLUMNS,
    SPARK,
    demand_sql,
    demand_total_sql,
    premium_rows_sql,
    premium_skills_sql,
    stats_sql,
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
    """A Spark session (the active one if there is one); EngineUnavailable without pyspark."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineUnavailable(
            f"the Spark engine needs pyspark and Java 17+: {INSTALL_HINT} ({exc})"
        ) from exc
    try:
        session = (
            SparkSession.builder.master(master or DEFAULT_MASTER)
            .appName("paypath")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "8")
            .getOrCreate()
        )
    except Exception as exc:  # the JVM failed to start: no Java, bad master URL, …
        raise EngineUnavailable(
            f"could not start Spark (master {master or DEFAULT_MASTER!r}): {exc}; "
            f"check Java 17+ is installed and the master URL ({INSTALL_HINT})"
        ) from exc
    session.sparkContext.setLogLevel("ERROR")
    return session


def _frame(df: Any) -> pd.DataFrame:
    """A small Spark result as pandas (plain rows: no Arrow or pandas-version coupling)."""
    return pd.DataFrame([tuple(r) for r in df.collect()], columns=list(df.columns))


class SparkEngine:
    name = "spark"

    def __init__(self, master: str | None = None, session: Any = None) -> None:
        self.master = master
        self._session = session
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        self._loaded: tuple[object, ...] | None = None

    @property
    def session(self) -> Any:
        if self._session is None:
            self._session = spark_session(self.master)
        return self._session

    def _views(self, store: StoreLike) -> Any:
        """The session, with the store's tables registered as temporary views."""
        from paypath.market.analytics import store_fingerprint

        fingerprint = store_fingerprint(store)
        if self._loaded != fingerprint:
            if self._tmp is None:
                self._tmp = tempfile.TemporaryDirectory(prefix="paypath-spark-")
            folder = Path(self._tmp.name) / str(abs(hash(fingerprint)))
            folder.mkdir(parents=True, exist_ok=True)
            cur = store.con.cursor()
            for table, select in _EXPORTS.items():
                path = folder / f"{table}.parquet"
                cur.execute(f"COPY ({select}) TO '{path.as_posix()}' (FORMAT parquet)")
                self.session.read.parquet(str(path)).createOrReplaceTempView(table)
            self._loaded = fingerprint
        return self.session

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

    def premium_frame(self, store: StoreLike, role: str | None) -> PremiumFrame:
        rows_sql, params = premium_rows_sql(role, SPARK)
        skills_sql, _ = premium_skills_sql(role, SPARK)
        return PremiumFrame(
            rows=_frame(self._sql(store, rows_sql, params)),
            skills=_frame(self._sql(store, skills_sql, params)),
        )

    def close(self) -> None:
        """Forget the exported tables (the session is left running for reuse)."""
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
        self._loaded = None
