"""OFLC aggregate facts: the one reader of DOL OFLC's aggregate files, and their store table.

Three layouts of ``shared/data/dol-oflc`` (U.S. Department of Labor, OFLC disclosure data,
aggregated by the ``oflc-data`` project) are read, recognised by their columns:

* ``agg_soc_by_fy.parquet`` (``k``, ``program``, ``fy``, ``median_wage``): SOC code x
  program (lca, perm, pwd; NULL = all) x fiscal year (NULL = all years pooled) -> filings,
  filings certified, median offered annual wage;
* ``agg_locations_top.parquet`` (``k``, ``state``, ``city_key``): a state or city, all
  programs and years pooled -> the same three figures;
* ``agg_program_stats.parquet`` (``program``, ``p25``, ``employers``): a program x fiscal
  year range -> filings, employers, median and quartiles.

Each becomes an :class:`AggregateFact` keyed by (dimension, key, program, fy_lo, fy_hi), or a
rejected row with its reason (a key that is no SOC code such as the pre-2010 DOT codes, no
filing count, a wage that is no number). :func:`read_aggregates` yields both; the ingest
(``paypath market ingest FILE --source dol-oflc-agg``) stores facts in ``oflc_aggregates``
and quarantines rejects, and ``scripts/build_trends.py`` builds the shipped trend table from
the same reader. Read = stored + duplicates + quarantined.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from paypath.errors import IngestError
from paypath.market.records import RowRejected

if TYPE_CHECKING:
    import duckdb

    from paypath.market.ingest import IngestResult
    from paypath.market.store import Store

__all__ = [
    "AGGREGATES_TABLE_SQL",
    "AGGREGATE_KIND",
    "AggregateFact",
    "aggregate_layout",
    "ingest_aggregates",
    "read_aggregates",
    "soc_series",
]

AGGREGATE_KIND = "dol-oflc-agg"
ALL = "all"  # program or key of a pooled row
AGGREGATES_TABLE_SQL = """
CREATE TABLE IF NOT EXISTS oflc_aggregates (
  dimension VARCHAR NOT NULL, key VARCHAR NOT NULL, label VARCHAR, program VARCHAR NOT NULL,
  fy_lo INTEGER NOT NULL, fy_hi INTEGER NOT NULL, n BIGINT, n_certified BIGINT,
  employers BIGINT, median DOUBLE, p25 DOUBLE, p75 DOUBLE, source_file VARCHAR,
  ingest_id VARCHAR, PRIMARY KEY (dimension, key, program, fy_lo, fy_hi)
);
"""
_SOC = re.compile(r"^\d\d-\d{4}(\.\d\d)?$")  # SOC, or an O*NET-SOC detail (13-2011.01)
# layout -> the columns that identify it
_LAYOUTS = {
    "soc": frozenset({"k", "program", "fy", "median_wage"}),
    "location": frozenset({"k", "state", "city_key", "median_wage"}),
    "program": frozenset({"program", "p25", "employers", "median_wage"}),
}


@dataclass(frozen=True)
class AggregateFact:
    dimension: str  # soc | location | program
    key: str  # SOC code, "CA" or "SAN FRANCISCO|CA", or the program
    label: str
    program: str  # lca | perm | pwd | all
    fy_lo: int
    fy_hi: int
    n: int
    n_certified: int | None
    employers: int | None
    median: float | None
    p25: float | None
    p75: float | None


_COLUMNS = tuple(f.name for f in fields(AggregateFact))


def aggregate_layout(columns: set[str]) -> str:
    """The layout (``soc``, ``location``, ``program``) of a file with ``columns``."""
    lowered = {c.lower() for c in columns}
    for layout, needed in _LAYOUTS.items():
        if needed <= lowered:
            return layout
    raise IngestError(
        "not an OFLC aggregate file: expected the columns of agg_soc_by_fy "
        "(k, program, fy, median_wage), agg_locations_top (k, state, city_key, median_wage) "
        f"or agg_program_stats (program, p25, employers, median_wage); found {sorted(lowered)}"
    )


def _int(value: object, what: str, *, required: bool = False) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise RowRejected(f"no {what}")
        return None
    try:
        number = float(str(value).replace(",", ""))
    except ValueError:
        raise RowRejected(f"{what} not a number") from None
    if number != number or number < 0 or number != int(number):  # NaN, negative, fraction
        raise RowRejected(f"{what} not a count")
    return int(number)


def _wage(value: object, what: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = float(str(value).replace(",", "").replace("$", ""))
    except ValueError:
        raise RowRejected(f"{what} not a number") from None
    if number != number or number <= 0:
        raise RowRejected(f"{what} not a positive wage")
    return number


def _years(row: dict[str, Any]) -> tuple[int, int]:
    fy = _int(row.get("fy"), "fiscal year")
    lo = _int(row.get("fy_lo"), "first fiscal year")
    hi = _int(row.get("fy_hi"), "last fiscal year")
    if fy is not None:
        return fy, fy
    if lo is None or hi is None or lo > hi:
        raise RowRejected("no fiscal year range")
    return lo, hi


def convert_aggregate(layout: str, row: dict[str, Any]) -> AggregateFact:
    """One raw row of a ``layout`` file -> a fact, or :class:`RowRejected` with the reason."""
    text = str(row.get("k") if layout != "program" else row.get("program") or "").strip()
    if layout == "soc" and not _SOC.match(text):
        raise RowRejected("no SOC code" if text in ("", "-") else "key is not an SOC code")
    if not text:
        raise RowRejected(f"no {layout} key")
    lo, hi = _years(row)
    n = _int(row.get("n"), "filing count", required=True)
    assert n is not None  # required
    median = _wage(row.get("median_wage"), "median wage")
    p25, p75 = _wage(row.get("p25"), "p25"), _wage(row.get("p75"), "p75")
    program = str(row.get("program") or "").strip().lower() or ALL
    return AggregateFact(
        dimension=layout,
        key=text.lower() if layout == "program" else text,
        label=str(row.get("label") or text).strip(),
        program=ALL if layout == "location" else program,
        fy_lo=lo,
        fy_hi=hi,
        n=n,
        n_certified=_int(row.get("n_cert"), "certified count"),
        employers=_int(row.get("employers"), "employer count"),
        median=median,
        p25=p25,
        p75=p75,
    )


def read_aggregates(path: str | Path) -> Iterator[tuple[int, dict[str, Any], AggregateFact | str]]:
    """(row number, raw row, fact or the reason it was rejected) for every row of ``path``
    (parquet or CSV with one of the three layouts); raises :class:`IngestError` for a file
    of another layout or one that cannot be read."""
    import duckdb

    file = Path(path)
    if not file.is_file():
        raise IngestError(f"no such file: {file}")
    reader = "read_parquet" if file.name.lower().endswith(".parquet") else "read_csv_auto"
    try:
        with duckdb.connect(":memory:") as con:
            rel = con.sql(f"SELECT * FROM {reader}(?)", params=[str(file)])
            columns = [c.lower() for c in rel.columns]
            layout = aggregate_layout(set(columns))
            rows = rel.fetchall()
    except duckdb.Error as exc:
        raise IngestError(f"cannot read {file} as parquet or CSV: {exc}") from exc
    for number, values in enumerate(rows, start=1):
        raw = dict(zip(columns, values, strict=True))
        try:
            yield number, raw, convert_aggregate(layout, raw)
        except RowRejected as exc:
            yield number, raw, str(exc)


def ingest_aggregates(store: Store, path: str | Path) -> IngestResult:
    """Ingest an OFLC aggregate file into ``store.oflc_aggregates`` in one transaction;
    a fact whose key is already stored is a duplicate. Returns the ingest's
    :class:`~paypath.market.ingest.IngestResult`."""
    import hashlib

    import pandas as pd

    from paypath.market.ingest import IngestResult, log_ingest

    file = Path(path)
    result = IngestResult(uuid.uuid4().hex, AGGREGATE_KIND, str(file))
    started = datetime.now(UTC).replace(tzinfo=None)
    facts: dict[tuple[str, str, str, int, int], AggregateFact] = {}
    rejected: list[tuple[int, str, str]] = []
    reasons: Counter[str] = Counter()
    for number, raw, fact in read_aggregates(file):
        result.read += 1
        if isinstance(fact, str):
            reasons[fact] += 1
            rejected.append((number, fact, repr(raw)))
            continue
        key = (fact.dimension, fact.key, fact.program, fact.fy_lo, fact.fy_hi)
        if key in facts:
            result.duplicates += 1
        else:
            facts[key] = fact
    result.quarantined = len(rejected)
    result.reasons = dict(reasons)
    sha = hashlib.sha256(file.read_bytes()).hexdigest()
    with store.transaction() as con:
        con.execute(AGGREGATES_TABLE_SQL)
        frame = pd.DataFrame([astuple(f) for f in facts.values()], columns=list(_COLUMNS))
        con.register("_facts", frame)
        con.execute(
            "CREATE TEMP TABLE _agg AS SELECT * EXCLUDE (source_file, ingest_id) "
            "FROM oflc_aggregates LIMIT 0"
        )
        if facts:
            con.execute(f"INSERT INTO _agg SELECT {', '.join(_COLUMNS)} FROM _facts")
        con.unregister("_facts")
        keys = "dimension, key, program, fy_lo, fy_hi"
        (already,) = con.execute(
            f"SELECT count(*) FROM _agg JOIN oflc_aggregates USING ({keys})"
        ).fetchone() or (0,)
        con.execute(
            f"INSERT INTO oflc_aggregates SELECT a.*, ?, ? FROM _agg a "
            f"ANTI JOIN oflc_aggregates USING ({keys})",
            [str(file), result.ingest_id],
        )
        con.execute("DROP TABLE _agg")
        result.duplicates += int(already)
        result.stored = len(facts) - int(already)
        if rejected:
            con.executemany(
                "INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (result.ingest_id, AGGREGATE_KIND, str(file), n, r, raw)
                    for n, r, raw in rejected
                ],
            )
        log_ingest(con, result, sha, started)
    return result


def soc_series(
    con: duckdb.DuckDBPyConnection, soc: str, program: str
) -> list[tuple[int, int, float, str]]:
    """(fiscal year, n, median, SOC title) of one SOC and program from a store's stored
    facts, by year; empty when the store holds none (or no ``oflc_aggregates`` table)."""
    (exists,) = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'oflc_aggregates'"
    ).fetchone() or (0,)
    if not exists:
        return []
    rows = con.execute(
        "SELECT fy_lo, n, median, label FROM oflc_aggregates WHERE dimension = 'soc' "
        "AND key = ? AND program = ? AND fy_lo = fy_hi AND median IS NOT NULL ORDER BY fy_lo",
        [soc, program],
    ).fetchall()
    return [(int(y), int(n), float(m), str(label)) for y, n, m, label in rows]
