"""Analytics engines: the same queries on DuckDB (default) or Apache Spark.

An engine answers three questions over a store's ``postings`` / ``posting_skills``
tables and leaves the statistics that are not SQL (suppression, regression) to
:mod:`paypath.market.analytics`:

- ``pay_quantiles``: n and p10/p25/median/p75/p90 of ``pay_usd`` per group;
- ``skill_counts``: postings of a role with skill information, and how many name each skill;
- ``premium_sample``: a pay-premium regression's sample, held where the engine keeps
  data: its size and pay-trim bounds, and a function mapped over batches of its rows with
  the per-batch results added up, so the regression never needs the sample in one place
  (:mod:`paypath.market.premium_model`).

Both engines run the SQL built in :mod:`paypath.market.engines._sql`, so they agree by
construction: percentiles are continuous (linear interpolation between order statistics,
``quantile_cont`` in DuckDB, exact ``percentile`` in Spark, not ``percentile_approx``).

Engines are loaded lazily: ``pyspark`` is imported only inside
:mod:`paypath.market.engines.spark_engine`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, TypeVar

from paypath.errors import InputError

if TYPE_CHECKING:
    import duckdb
    import pandas as pd

__all__ = [
    "ENGINES",
    "PREMIUM_BATCH_ROWS",
    "QUANTILES",
    "Addable",
    "Engine",
    "PremiumSample",
    "QuantileRow",
    "StatsQuery",
    "StoreLike",
    "add_up",
    "get_engine",
]

ENGINES = ("duckdb", "spark")
QUANTILES = (0.1, 0.25, 0.5, 0.75, 0.9)


class StoreLike(Protocol):
    """What analytics need of a store (``paypath.market.store.Store``): its connection."""

    @property
    def con(self) -> duckdb.DuckDBPyConnection: ...


@dataclass(frozen=True)
class StatsQuery:
    """Group ``pay_usd`` by columns (``skill`` = a posting's skills) under equality filters."""

    by: tuple[str, ...]
    where: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class QuantileRow:
    group: tuple[str | None, ...]
    n: int
    quantiles: tuple[float, ...]  # one per QUANTILES


class Addable(Protocol):
    """A partial result that adds up (sums over batches)."""

    def __add__(self: T, other: T, /) -> T: ...


T = TypeVar("T", bound=Addable)
PREMIUM_BATCH_ROWS = 8_192  # rows a premium pass handles at once (bounds its memory)


def add_up(parts: Iterable[T]) -> T | None:
    """The sum of partial results (None for none): a premium pass's batches or partitions."""
    total: T | None = None
    for part in parts:
        total = part if total is None else total + part
    return total


class PremiumSample(Protocol):
    """A premium regression's sample, held by the engine for several passes: ``listed``
    rows before the pay trim, the trim ``bounds`` (None: no plausible pay)."""

    listed: int
    bounds: tuple[float, float] | None

    def reduce(self, fn: Callable[[pd.DataFrame], T]) -> T | None:
        """``fn`` over the trimmed sample in batches of at most ``PREMIUM_BATCH_ROWS`` rows
        (pandas, columns ``PREMIUM_COLUMNS`` and, for skills, ``skills``: a list per row,
        each skill once), added up (None for an empty sample)."""
        ...


class Engine(Protocol):
    name: str

    def pay_quantiles(self, store: StoreLike, query: StatsQuery) -> list[QuantileRow]: ...

    def skill_counts(self, store: StoreLike, role: str) -> tuple[int, list[tuple[str, int]]]: ...

    def premium_sample(
        self, store: StoreLike, role: str | None, kind: str
    ) -> AbstractContextManager[PremiumSample]:
        """The ``kind`` sample (see :mod:`paypath.market.engines._sql`), kept (DuckDB: a
        temporary table; Spark: persisted) until the context ends."""
        ...


_SPARK_ENGINES: dict[str | None, Engine] = {}


def get_engine(name: str = "duckdb", *, master: str | None = None) -> Engine:
    """The engine called ``name``; Spark raises EngineUnavailable without pyspark."""
    key = name.strip().lower()
    if key == "duckdb":
        from paypath.market.engines.duckdb_engine import DuckDBEngine

        return DuckDBEngine()
    if key == "spark":
        if master not in _SPARK_ENGINES:
            from paypath.market.engines.spark_engine import SparkEngine

            _SPARK_ENGINES[master] = SparkEngine(master=master)
        return _SPARK_ENGINES[master]
    raise InputError(f"unknown engine {name!r}; choose one of: {', '.join(ENGINES)}")
