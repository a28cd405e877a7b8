"""The market store: one DuckDB file with a documented schema.

Tables (the schema is ``SCHEMA_SQL``; docs/CONTRACTS.md explains each column):

* ``postings``: one row per job posting, salary report or survey response. ``id`` is
  the sha256 of the record's normalised content, so the same record ingested twice is
  stored once. ``pay_usd`` is the annual USD point estimate (midpoint of a range);
  ``comp_kind`` says whether it is base pay or total compensation; ``org_size`` the
  employer's size where the source records it (the 2024 survey's ``OrgSize``; NULL
  elsewhere and in stores made before it, which opening such a store adds as a column).
* ``posting_skills``: the skills found for each row, with their mention counts:
  ``mentions`` (all) and ``asked`` (those in a requirement, not in a title, the company's
  stack or the benefits; every survey answer; NULL in rows stored before it was recorded,
  which opening such a store adds as a column). One row
  per (posting, skill): the ingest writes a posting's skills only with the posting itself,
  so no index is kept for it (an index on ~12 skill rows per posting would cost more
  memory at commit than the rest of a million-posting ingest).
  ``fx_rate``/``fx_date``/``fx_source``: the rate a non-USD salary was converted at (USD
  per unit) and its period (NULL for USD pay and in rows stored before they were recorded).
* ``quarantine``: rows that could not be used, with the reason and the raw row.
* ``ingests``: one row per ingest run with its counts.
* ``pay_facts``: the paid rows of ``postings`` (``pay_usd > 0``), only the columns the
  pay statistics group and filter by, stored sorted by (role, pay). A derived table, like
  a clustered index: :func:`refresh_pay_facts` rebuilds it in every ingest's transaction
  (about 1.5 s per million postings), and opening a store made before it existed builds
  it. The quantile aggregates run 1.6-2x faster on it than on ``postings`` (narrow rows,
  and pay already in order within each group).

``open_store(path)`` opens (and creates) a file store; ``bundled_store()`` is an
in-memory store over the dataset that ships in the package (``data/market/``), used
when the user has ingested nothing.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb

from paypath.config import default_db_path
from paypath.errors import InputError, StoreError
from paypath.resources import data_path

__all__ = [
    "BUNDLED_SOURCE",
    "SCHEMA_SQL",
    "TABLES",
    "QueryResult",
    "Store",
    "bundled_store",
    "open_store",
    "quiet",
    "read_only_query",
    "refresh_pay_facts",
]

# pay_facts' rows, columns and order (its column types are those of postings)
PAY_FACTS_SELECT = (
    "SELECT id, source, record_kind, role_id, seniority, country, region, city, comp_kind, "
    "company, pay_usd FROM postings WHERE pay_usd > 0 ORDER BY role_id, pay_usd"
)
# postings.description is stored zstd-compressed: it is the long free text, no analytics
# query reads it, and DuckDB's default (dictionary + FSST) took ~45% more CPU to load and
# twice the disk (100k generated postings: 8.6 -> 6.0 s insert, 215 -> 100 MB). Stores
# made before keep their format; DuckDB reads both.
SCHEMA_SQL = f"""
CREATE TABLE IF NOT EXISTS postings (
  id VARCHAR PRIMARY KEY, source VARCHAR NOT NULL, source_file VARCHAR, record_kind VARCHAR,
  title VARCHAR, role_id VARCHAR, seniority VARCHAR, role_score DOUBLE,
  company VARCHAR, city VARCHAR, region VARCHAR, country VARCHAR,
  salary_text VARCHAR, salary_min DOUBLE, salary_max DOUBLE, currency VARCHAR, period VARCHAR,
  period_inferred BOOLEAN, pay_usd DOUBLE, pay_min_usd DOUBLE, pay_max_usd DOUBLE,
  comp_kind VARCHAR, years_experience DOUBLE, ai_use BOOLEAN, remote VARCHAR,
  posted_at DATE, description VARCHAR USING COMPRESSION zstd, ingest_id VARCHAR, org_size VARCHAR,
  fx_rate DOUBLE, fx_date VARCHAR, fx_source VARCHAR
);
ALTER TABLE postings ADD COLUMN IF NOT EXISTS org_size VARCHAR;
ALTER TABLE postings ADD COLUMN IF NOT EXISTS fx_rate DOUBLE;
ALTER TABLE postings ADD COLUMN IF NOT EXISTS fx_date VARCHAR;
ALTER TABLE postings ADD COLUMN IF NOT EXISTS fx_source VARCHAR;
CREATE TABLE IF NOT EXISTS posting_skills (
  posting_id VARCHAR NOT NULL, skill_id VARCHAR NOT NULL, mentions INTEGER, asked INTEGER
);
ALTER TABLE posting_skills ADD COLUMN IF NOT EXISTS asked INTEGER;
CREATE TABLE IF NOT EXISTS quarantine (
  ingest_id VARCHAR, source VARCHAR, source_file VARCHAR, row_number BIGINT,
  reason VARCHAR, raw VARCHAR
);
CREATE TABLE IF NOT EXISTS ingests (
  id VARCHAR PRIMARY KEY, source VARCHAR, source_file VARCHAR, file_sha256 VARCHAR,
  started_at TIMESTAMP, finished_at TIMESTAMP, read BIGINT, stored BIGINT,
  duplicates BIGINT, quarantined BIGINT
);
CREATE TABLE IF NOT EXISTS pay_facts AS {PAY_FACTS_SELECT};
"""
# Bounded memory: a big ingest is one transaction; DuckDB spills past this limit.
STORE_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "memory_limit": "1GB",
    "preserve_insertion_order": False,
}


def quiet(con: duckdb.DuckDBPyConnection) -> duckdb.DuckDBPyConnection:
    """``con`` without DuckDB's progress bar, which it draws on stdout for queries over
    2 s: it would corrupt `--json` output, and library code never prints. A session
    setting (cursors inherit it), so every connection paypath opens goes through here."""
    con.execute("SET enable_progress_bar = false")
    return con


TABLES = ("postings", "posting_skills", "quarantine", "ingests")


def refresh_pay_facts(con: duckdb.DuckDBPyConnection) -> None:
    """Rebuild ``pay_facts`` from ``postings`` (run it inside the writer's transaction)."""
    con.execute(f"CREATE OR REPLACE TABLE pay_facts AS {PAY_FACTS_SELECT}")


def _outdated(con: duckdb.DuckDBPyConnection) -> bool:
    """True when a store was written by an older paypath (no ``posting_skills.asked``) or
    ``pay_facts`` is missing or does not hold every paid posting: open it writable once."""
    tables = {t for (t,) in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "postings" not in tables:
        return False
    if "pay_facts" not in tables or not _has_column(con, "posting_skills", "asked"):
        return True
    if not _has_column(con, "postings", "org_size"):  # stores before the org-size control
        return True
    if not _has_column(con, "pay_facts", "company"):  # stores before `--by employer`
        return True
    row = con.execute(
        "SELECT (SELECT count(*) FROM pay_facts) <> "
        "(SELECT count(*) FROM postings WHERE pay_usd > 0)"
    ).fetchone()
    return bool(row and row[0])


def _has_column(con: duckdb.DuckDBPyConnection, table: str, column: str) -> bool:
    row = con.execute(
        "SELECT count(*) FROM duckdb_columns() WHERE database_name = current_database() "
        "AND table_name = ? AND column_name = ?",
        [table, column],
    ).fetchone()
    return bool(row and row[0])


BUNDLED_SOURCE = (
    "Stack Overflow Developer Survey 2024 (subset) and 2025 (derived salary table), "
    "ODbL 1.0, bundled with paypath"
)


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple[Any, ...]]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


class Store:
    """An open DuckDB store. Use as a context manager, or call :meth:`close`.

    ``con`` is the DuckDB connection. Threads should use ``con.cursor()``.
    """

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        path: Path | None,
        *,
        bundled: bool = False,
        read_only: bool = False,
    ) -> None:
        self.con = con
        self.path = path
        self.bundled = bundled
        self.read_only = read_only  # opened read-only: no one can change it while open
        self.lock = threading.Lock()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if not self.bundled:
            self.close()

    def close(self) -> None:
        self.con.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: roll back everything done inside on any exception.

        The write-ahead log DuckDB creates meanwhile is owner-only (:func:`owner_only_files`).
        """
        with owner_only_files():
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")

    def query(self, sql: str, limit: int | None = None) -> QueryResult:
        """Run one SQL statement; its column names and (up to ``limit``) rows."""
        cursor = self.con.cursor()
        try:
            rel = cursor.execute(sql)
            columns = [d[0] for d in rel.description or ()]
            rows = rel.fetchmany(limit) if limit is not None else rel.fetchall()
        except duckdb.Error as exc:
            raise StoreError(f"the query failed: {exc}") from exc
        finally:
            cursor.close()  # an open cursor would keep the database file open
        return QueryResult(columns, [tuple(r) for r in rows])

    def counts(self) -> dict[str, int]:
        """Rows per table."""
        out = {}
        for table in TABLES:
            row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
            out[table] = int(row[0]) if row else 0
        return out


def open_store(
    path: str | Path | None = None, *, read_only: bool = False, bulk: bool = False
) -> Store:
    """Open the DuckDB store at ``path`` (default: the user's data dir), creating it.

    ``bulk``: open it writable for one big load (an ingest): rows are written in smaller
    row groups as they come (``BULK_ROW_GROUP_ROWS``), so COMMIT has little left to
    write. Use its ``con`` only: the store is attached to that connection, and its
    cursors would not see it.

    A new store file is made readable by its owner only (0600: it holds raw rows). A
    path that holds something other than a paypath store -- a CSV, another program's
    DuckDB file, a store missing columns -- is refused with :class:`StoreError`, never
    taken over. Opening it writable removes the staging folders that a killed ingest
    left beside it (:func:`paypath.market.ingest.clean_stale_staging`).
    """
    target = Path(path) if path is not None else default_db_path()
    if read_only and not target.exists():
        raise StoreError(
            f"no store at {target}; create it with `paypath market ingest FILE --source KIND`"
        )
    if target.is_dir():
        raise StoreError(f"{target} is a folder; give a store file's path (e.g. market.duckdb)")
    created = not target.exists()
    if not created:
        _check_duckdb_file(target)
    try:
        if not read_only:
            target.parent.mkdir(parents=True, exist_ok=True)
        with owner_only_files() if not read_only else nullcontext():
            con = _connect(target, read_only=read_only, bulk=bulk and not read_only)
        if read_only and _outdated(con):
            # a store written by an older paypath: upgrade it once, then read on
            con.close()
            open_store(target).close()
            con = _connect(target, read_only=True)
    except (duckdb.Error, OSError) as exc:
        raise StoreError(
            f"cannot open the store at {target}: {exc}; check the path and that no other "
            "process holds it open for writing"
        ) from exc
    if created:
        _owner_only(target)
    if not read_only:
        from paypath.market.ingest import clean_stale_staging  # ingest imports this module

        clean_stale_staging(target.parent)
    return Store(con, target, read_only=read_only)


_UMASK_LOCK = threading.Lock()
_umask_depth = [0, 0]  # [threads inside owner_only_files, the umask to restore]


@contextmanager
def owner_only_files() -> Iterator[None]:
    """Files created inside are readable by their owner only (umask 077).

    DuckDB creates a store's write-ahead log (``<store>.wal``, raw rows) lazily, with the
    process umask and no way to pass a mode, so writes run under this. The umask is
    process-wide: a file another thread creates meanwhile gets a stricter mode, never a
    looser one, and the first umask is restored when the last thread leaves.
    """
    with _UMASK_LOCK:
        if _umask_depth[0] == 0:
            _umask_depth[1] = os.umask(0o077)
        _umask_depth[0] += 1
    try:
        yield
    finally:
        with _UMASK_LOCK:
            _umask_depth[0] -= 1
            if _umask_depth[0] == 0:
                os.umask(_umask_depth[1])


# A bulk writer's rows go to the file in row groups of this many rows, each written
# (compressed) as soon as it is full, while the transaction goes on (DuckDB's optimistic
# writes, ``write_buffer_row_group_count = 1``). With DuckDB's defaults (122,880-row groups,
# buffered 5 at a time) an ingest of 100k postings held them all until COMMIT, which then
# took 5.5 s of CPU to write them; in 16,384-row groups the same rows cost 0.35 s there
# and about 1 s more while they are inserted. The group being filled is held in memory
# (about 60 MB of postings at this size, 120 MB at 32,768; the store is about 10% larger
# than in 32,768-row groups). The stored rows are the same; only their layout
# differs, and every reader reads any row group size. A writer with DuckDB's default size
# merges such row groups back into its own at its first checkpoint (a one-off rewrite of
# the table), so paypath's own writers (ingest, aggregates, the WAL fold) all open the
# store in bulk; a bulk writer leaves bigger row groups as they are.
BULK_ROW_GROUP_ROWS = 16_384
_BULK_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    **STORE_CONFIG,
    "write_buffer_row_group_count": 1,
}


def _connect(target: Path, *, read_only: bool, bulk: bool = False) -> duckdb.DuckDBPyConnection:
    if bulk:  # the row group size is an option of ATTACH, not of connect
        con = quiet(duckdb.connect(":memory:", config=_BULK_CONFIG))
        try:
            path = str(target).replace("'", "''")
            con.execute(f"ATTACH '{path}' AS store (ROW_GROUP_SIZE {BULK_ROW_GROUP_ROWS})")
            con.execute("USE store")
        except BaseException:
            con.close()
            raise
    else:
        con = quiet(duckdb.connect(str(target), read_only=read_only, config=STORE_CONFIG))
    try:
        _check_schema(con, target)
    except StoreError:
        con.close()
        raise
    if not read_only:
        con.execute(SCHEMA_SQL)
        if _outdated(con):
            refresh_pay_facts(con)
    return con


_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def _check_duckdb_file(target: Path) -> None:
    """Refuse a file that is no DuckDB database (a CSV, a text file, an empty file)."""
    try:
        with target.open("rb") as fh:
            head = fh.read(12)
    except OSError as exc:
        raise StoreError(f"cannot read the store at {target}: {exc}") from exc
    if head[8:12] != _DUCKDB_MAGIC:
        raise StoreError(
            f"{target} is not a paypath store (not a DuckDB database file); it was left "
            "untouched. Give --db a new file name (e.g. market.duckdb) or an existing store"
        )


def _check_schema(con: duckdb.DuckDBPyConnection, target: Path) -> None:
    """Refuse another program's DuckDB file, or a store missing paypath's columns."""
    rows = con.execute(
        "SELECT table_name, column_name FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main'"
    ).fetchall()
    have: dict[str, set[str]] = {}
    for table, column in rows:
        have.setdefault(str(table), set()).add(str(column))
    if not have:
        return  # an empty database: the schema is created in it
    if "postings" not in have:
        raise StoreError(
            f"{target} is a DuckDB database but not a paypath store (its tables: "
            f"{', '.join(sorted(have)[:8])}); it was left untouched. Give --db a new file name"
        )
    for table, columns in _expected_columns().items():
        missing = sorted(columns - have.get(table, set()) - _ADDED_LATER.get(table, set()))
        if table in have and missing:
            raise StoreError(
                f"{target} looks like a paypath store, but its {table} table lacks the "
                f"columns {', '.join(missing)}; it was left untouched. Ingest into a new store"
            )


# columns opening an older store adds
_ADDED_LATER = {
    "posting_skills": {"asked"},
    "postings": {"org_size", "fx_rate", "fx_date", "fx_source"},
}


@cache
def _expected_columns() -> dict[str, frozenset[str]]:
    """Table -> the columns ``SCHEMA_SQL`` creates."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(SCHEMA_SQL)
        rows = con.execute(
            "SELECT table_name, column_name FROM duckdb_columns() WHERE schema_name = 'main'"
        ).fetchall()
    finally:
        con.close()
    out: dict[str, set[str]] = {}
    for table, column in rows:
        out.setdefault(str(table), set()).add(str(column))
    return {t: frozenset(c) for t, c in out.items()}


def _owner_only(target: Path) -> None:
    """chmod 0600 a store file paypath created (and its write-ahead log)."""
    for file in (target, target.with_name(target.name + ".wal")):
        try:
            if file.exists():
                file.chmod(0o600)
        except OSError:
            pass  # a file system without modes: nothing to tighten


@cache
def bundled_store() -> Store:
    """An in-memory store over the bundled survey dataset (read it, don't write to it)."""
    con = quiet(duckdb.connect(":memory:"))
    con.execute(SCHEMA_SQL)
    for table in ("postings", "posting_skills"):
        parquet = data_path(f"market/{table}.parquet")
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?)", [str(parquet)])
    refresh_pay_facts(con)
    return Store(con, None, bundled=True)


MAX_QUERY_ROWS = 100_000  # rows `market sql` returns at most


def read_only_query(sql: str, limit: int = 1000, path: str | Path | None = None) -> QueryResult:
    """Run one ``SELECT`` (or ``WITH ... SELECT``) over a store, truly read-only.

    ``path``: a store file (opened read-only); None: a private copy of the bundled
    dataset. The connection has file access switched off and locked (DuckDB's
    ``enable_external_access = false``, ``lock_configuration = true``), so a query can
    neither read nor write files (``read_csv('/etc/passwd')``, ``COPY ... TO``,
    ``ATTACH``) nor change the store. Raises :class:`InputError` for an empty query,
    more than one statement, a statement that is not a query, or ``limit`` outside
    1..``MAX_QUERY_ROWS``; :class:`StoreError` when the query itself fails.
    """
    if not sql.strip():
        raise InputError(
            'the query is empty; write one SELECT, e.g. "SELECT count(*) FROM postings"'
        )
    if isinstance(limit, bool) or not 1 <= limit <= MAX_QUERY_ROWS:
        raise InputError(f"limit must be between 1 and {MAX_QUERY_ROWS:,} rows, not {limit}")
    if path is None:
        con = quiet(duckdb.connect(":memory:"))
        con.execute(SCHEMA_SQL)
        for table in ("postings", "posting_skills"):
            parquet = data_path(f"market/{table}.parquet")
            con.execute(
                f"INSERT INTO {table} BY NAME SELECT * FROM read_parquet(?)", [str(parquet)]
            )
        refresh_pay_facts(con)
    else:
        con = open_store(path, read_only=True).con
    try:
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
        try:
            statements = con.extract_statements(sql)
        except duckdb.Error as exc:
            raise StoreError(f"the query failed: {exc}") from exc
        if len(statements) != 1:
            raise InputError(f"give one SQL statement, not {len(statements)}")
        if statements[0].type != duckdb.StatementType.SELECT:
            kind = str(statements[0].type).rsplit(".", 1)[-1]
            raise InputError(
                f"only queries (SELECT) are allowed here, not {kind}; the store is read-only"
            )
        return Store(con, None, read_only=True).query(sql, limit)
    finally:
        con.close()
