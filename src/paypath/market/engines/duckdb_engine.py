"""The default engine: the analytics SQL run in the store's own DuckDB database.

Each query runs on a fresh cursor of the store's connection, so threads (the web app)
can share one store.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from paypath.market.engines import (
    PREMIUM_BATCH_ROWS,
    QuantileRow,
    StatsQuery,
    StoreLike,
    T,
    add_up,
)
from paypath.market.engines._sql import (
    DUCKDB,
    demand_sql,
    demand_total_sql,
    premium_bounds_sql,
    premium_listed_sql,
    premium_trimmed_sql,
    stats_sql,
)

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = ["DuckDBEngine"]


class DuckDBEngine:
    name = "duckdb"

    def _fetch(self, store: StoreLike, sql: str, params: dict[str, str]) -> list[tuple[Any, ...]]:
        return store.con.cursor().execute(sql, params).fetchall()

    def pay_quantiles(self, store: StoreLike, query: StatsQuery) -> list[QuantileRow]:
        sql, params = stats_sql(query, DUCKDB)
        width = len(query.by)
        # the group columns are VARCHAR, n a BIGINT, q a DOUBLE[]: DuckDB hands back str or
        # None, int and floats already
        return [
            QuantileRow(group=tuple(row[:width]), n=row[width], quantiles=tuple(row[width + 1]))
            for row in self._fetch(store, sql, params)
            if row[width]
        ]

    def skill_counts(self, store: StoreLike, role: str) -> tuple[int, list[tuple[str, int]]]:
        (total,) = self._fetch(store, demand_total_sql(DUCKDB), {"role": role})[0]
        rows = self._fetch(store, demand_sql(DUCKDB), {"role": role})
        return int(total), [(str(skill), int(n)) for skill, n in rows]

    @contextmanager
    def premium_sample(self, store: StoreLike, role: str | None, kind: str) -> Iterator[_Sample]:
        """The listed rows in a temporary table on a cursor of its own (temporary tables
        are per connection; a read-only store takes them too), dropped at the end."""
        sql, params = premium_listed_sql(role, kind, DUCKDB)
        cur = store.con.cursor()
        name = f"premium_sample_{uuid.uuid4().hex}"
        try:
            cur.execute(f"CREATE TEMP TABLE {name} AS {sql}", params)
            row = cur.execute(premium_bounds_sql(name, DUCKDB)).fetchone()
            n, q = row if row else (0, None)
            bounds = None if q is None else (float(q[0]), float(q[1]))
            yield _Sample(cur, name, int(n), bounds)
        finally:
            cur.execute(f"DROP TABLE IF EXISTS {name}")
            cur.close()


class _Sample:
    def __init__(
        self,
        cur: duckdb.DuckDBPyConnection,
        table: str,
        listed: int,
        bounds: tuple[float, float] | None,
    ) -> None:
        self.cur, self.table, self.listed, self.bounds = cur, table, listed, bounds

    def reduce(self, fn: Callable[[pd.DataFrame], T]) -> T | None:
        """Streams the trimmed rows a chunk at a time: memory follows the batch."""
        if self.bounds is None:
            return None
        self.cur.execute(premium_trimmed_sql(self.table, *self.bounds))
        vectors = max(1, PREMIUM_BATCH_ROWS // 2048)  # DuckDB hands out 2,048-row vectors
        return add_up(fn(batch) for batch in self._batches(vectors))

    def _batches(self, vectors: int) -> Iterator[pd.DataFrame]:
        while not (batch := self.cur.fetch_df_chunk(vectors)).empty:
            yield batch
