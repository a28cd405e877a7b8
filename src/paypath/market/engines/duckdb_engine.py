"""The default engine: the analytics SQL run in the store's own DuckDB database.

Each query runs on a fresh cursor of the store's connection, so threads (the web app)
can share one store.
"""

from __future__ import annotations

from typing import Any

from paypath.market.engines import PremiumFrame, QuantileRow, StatsQuery, StoreLike
from paypath.market.engines._sql import (
    DUCKDB,
    demand_sql,
    demand_total_sql,
    premium_rows_sql,
    premium_skills_sql,
    stats_sql,
)

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

    def premium_frame(self, store: StoreLike, role: str | None) -> PremiumFrame:
        cur = store.con.cursor()
        rows_sql, params = premium_rows_sql(role, DUCKDB)
        skills_sql, _ = premium_skills_sql(role, DUCKDB)
        return PremiumFrame(
            rows=cur.execute(rows_sql, params).df(),
            skills=cur.execute(skills_sql, params).df(),
        )
