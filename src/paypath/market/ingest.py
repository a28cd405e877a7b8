"""Ingest a file into the store: convert rows in batches, load them in one transaction.

* every raw row becomes a record through its source's ``convert`` (salary parsing, title
  classification, skills, location) or is quarantined with the reason;
* a record whose content hash is already stored (or seen earlier in the file) is counted
  as a duplicate and not stored again, so re-ingesting a file adds nothing;
* the whole ingest is one transaction: a failure midway leaves the store as it was;
  the same transaction rebuilds ``pay_facts``, the sorted pay table the statistics read.

Memory stays flat while rows are converted: each batch is converted and staged as parquet
files in a temporary folder next to the store (by worker processes when ``workers > 1``)
and loaded into the store as it comes, in input order, inside the one transaction that
is open from the first batch to the last (``INSERT OR IGNORE`` on the PRIMARY KEY keeps
the first row of each content hash; the batch's files are then removed). So the load
runs while the workers convert the next batches, not after them, and COMMIT has little
left to do (a store copy opened in bulk writes its row groups as they fill; see
:func:`paypath.market.store.open_store`). DuckDB works under ``LOAD_MEMORY_LIMIT``; what
grows with the row count is the ``postings`` PRIMARY KEY index, kept in memory.

With workers, a plain CSV file is cut into chunks of whole records
(:mod:`paypath.market.chunks`) and each worker reads, converts and stages its own chunks:
this process only hands out byte ranges and adds up counts. Other files (compressed,
JSON, parquet) are read here and their rows sent to the workers in batches.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import hashlib
import json
import math
import multiprocessing
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter, deque
from collections.abc import Callable, Generator, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import Any

import duckdb

from paypath.config import default_db_path
from paypath.errors import IngestError, PaypathError
from paypath.market.chunks import Chunk, ChunkMisaligned, csv_chunks, read_chunk
from paypath.market.oflc_aggregates import AGGREGATE_KIND, ingest_aggregates
from paypath.market.records import Record, RowRejected
from paypath.market.sources import FIELDS, SOURCES, Source, read_csv, read_table, source_kinds
from paypath.market.store import SCHEMA_SQL, Store, open_store, quiet, refresh_pay_facts
from paypath.market.store_copy import store_copy
from paypath.profile import MAX_YEARS

__all__ = [
    "BATCH_SIZE",
    "REQUIRED_COLUMNS",
    "IngestResult",
    "clean_stale_staging",
    "fitting_rows",
    "ingest_dataset",
    "ingest_file",
    "ingest_path",
    "ingest_rows",
    "log_ingest",
    "max_workers",
    "parse_mapping",
]

BATCH_SIZE = 5_000
# The load's DuckDB memory (it spills past it): what it holds grows with the file (the
# postings PRIMARY KEY index, about 12 MB per 100k new postings; the row group being
# filled, about 60 MB; blocks it keeps of what it wrote), so it gets a bound of its own,
# lower since the load runs beside the workers (384 MB before).
LOAD_MEMORY_LIMIT = "320MB"
PARALLEL_MIN_BYTES = 32 * 2**20  # smaller files convert faster than workers start
MAX_WORKERS = 4
Progress = Callable[[int], None]


@dataclass
class IngestResult:
    ingest_id: str
    source: str
    file: str
    read: int = 0
    stored: int = 0
    duplicates: int = 0
    quarantined: int = 0
    reasons: dict[str, int] = field(default_factory=dict)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class _Digest:
    """A file's sha256, computed in a thread while the workers convert (hashlib lets go
    of the GIL): on a big file it would otherwise be seconds before any work starts."""

    def __init__(self, path: Path) -> None:
        self._value: list[str] = []
        self._error: list[BaseException] = []
        self._thread = threading.Thread(target=self._run, args=(path,), daemon=True)
        self._thread.start()

    def _run(self, path: Path) -> None:
        try:
            self._value.append(_sha256(path))
        except BaseException as exc:  # re-raised where the digest is read
            self._error.append(exc)

    def hexdigest(self) -> str:
        self._thread.join()
        if self._error:
            raise self._error[0]
        return self._value[0]


def _source(kind: str) -> Source:
    try:
        return SOURCES[kind]
    except KeyError:
        raise IngestError(
            f"unknown source {kind!r}; use one of: {', '.join(source_kinds())}"
        ) from None


def ingest_file(
    store: Store,
    path: str | Path,
    source: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
    workers: int | None = None,
) -> IngestResult:
    """Ingest ``path`` as ``source`` into ``store``; see the module docstring.

    ``workers``: processes that convert and stage rows (default: one per core, at most
    ``MAX_WORKERS``, for files over 32 MB; none, so conversion runs in this process, for
    smaller files, since starting a worker costs a few seconds of catalog loading).

    ``mapping`` renames the file's columns to the fields a source reads (``{"title":
    "job_name", "salary": "pay"}``), for the generic ``csv``/``jsonl``/``parquet`` kinds.
    """
    if source == AGGREGATE_KIND:  # aggregate facts, not postings: their own table
        return ingest_aggregates(store, path)
    kind, rows, file = _prepared(path, source, mapping, workers)
    count = workers if workers is not None else _auto_workers(file)
    columns = {table: _column_types(store.con, table) for table in _STAGED}
    return _ingest(
        rows,
        kind,
        lambda: nullcontext(store),
        folder=store.path.parent if store.path is not None else None,
        columns=columns,
        source_file=str(file),
        file_sha256=_Digest(file),
        batch_size=batch_size,
        progress=progress,
        workers=count,
        cut=_Cut(file, dict(mapping or {})) if _cuttable(kind, file, count) else None,
    )


def _prepared(
    path: str | Path, source: str, mapping: Mapping[str, str] | None, workers: int | None
) -> tuple[Source, Iterator[dict[str, Any]], Path]:
    """(the source, the file's rows checked against it, the file); see :func:`ingest_file`."""
    file = Path(path)
    if not file.is_file():
        raise IngestError(f"no such file: {file}")
    kind = _source(source)
    if workers is not None and (isinstance(workers, bool) or not 1 <= workers <= max_workers()):
        raise IngestError(
            f"workers must be between 1 and {max_workers()} (one per core), not {workers}"
        )
    rows = kind.read(file)
    return kind, fitting_rows(_renamed(rows, mapping) if mapping else rows, kind.kind, file), file


def max_workers() -> int:
    """The most worker processes an ingest may use: one per core (at least ``MAX_WORKERS``)."""
    return max(MAX_WORKERS, os.cpu_count() or 1)


# The columns each source kind cannot do without (any one name of each tuple). A file
# without them is another kind of file (a LinkedIn export ingested as `glassdoor`, the
# survey as `csv`): it is refused before anything is stored. Kinds not listed are not checked.
REQUIRED_COLUMNS: dict[str, tuple[tuple[str, ...], ...]] = {
    "jobspy": (("title",), ("description", "min_amount", "max_amount")),
    "linkedin": (
        ("title",),
        ("job_id",),
        ("description", "min_salary", "max_salary", "med_salary"),
    ),
    "glassdoor": (("Job Title",), ("Salary Estimate", "Job Description")),
    "ds-salaries": (("job_title",), ("salary",), ("salary_currency",)),
    "levels": (("title",), ("totalyearlycompensation",)),
    "csv": (("title",), ("salary", "salary_min", "salary_max", "description")),
    "jsonl": (("title",), ("salary", "salary_min", "salary_max", "description")),
    "parquet": (("title",), ("salary", "salary_min", "salary_max", "description")),
    "so-survey": (("ConvertedCompYearly", "PrimaryRole"),),
}


def fitting_rows(rows: Iterable[dict[str, Any]], kind: str, file: Path) -> Iterator[dict[str, Any]]:
    """``rows``, once the first one shows the file has the columns ``kind`` needs.

    Raises :class:`IngestError` for a file with no rows (empty, or a header only) or
    without the columns (see ``REQUIRED_COLUMNS``), naming what it has and what to do.
    """
    iterator = iter(rows)
    first = next(iterator, None)
    if first is None:
        raise IngestError(
            f"{file.name} has no rows to ingest (an empty file, or a header only); "
            "check that it is the file you meant"
        )
    columns = [str(c) for c in first if c is not None]
    missing = [
        names for names in REQUIRED_COLUMNS.get(kind, ()) if not any(n in first for n in names)
    ]
    if missing:
        need = "; ".join(" or ".join(repr(n) for n in names) for names in missing)
        shown = ", ".join(repr(c[:40]) for c in columns[:12]) + (
            " ..." if len(columns) > 12 else ""
        )
        hint = ""
        if len(columns) == 1 and any(sep in columns[0] for sep in ";\t|"):
            hint = " Its header is one column: is it separated by ';', tab or '|'? Use commas."
        elif columns and columns[0].lstrip().startswith(("[", "{")):
            hint = " The file looks like JSON: use --source jsonl."
        raise IngestError(
            f"{file.name} does not look like a {kind!r} file: it lacks the column {need} "
            f"(its columns: {shown or 'none'}); nothing was stored.{hint} See `paypath market "
            "sources` for the kinds, or name the columns with --map FIELD=COLUMN"
        )
    yield first
    yield from iterator


def _cuttable(kind: Source, file: Path, workers: int) -> bool:
    """Whether workers can read ``file`` in chunks themselves: a plain CSV file."""
    if workers <= 1 or SOURCES.get(kind.kind) is not kind:
        return False
    name = file.name.lower()
    if name.endswith((".gz", ".bz2", ".zip")):
        return False
    if kind.read is read_csv:
        return True
    return kind.read is read_table and not name.endswith((".json", ".jsonl", ".ndjson"))


@dataclass(frozen=True)
class _Cut:
    """A CSV file that the workers read in chunks, and the column renames to apply."""

    file: Path
    mapping: dict[str, str]


def _auto_workers(file: Path) -> int:
    if file.stat().st_size < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, MAX_WORKERS))


def parse_mapping(text: str | None) -> dict[str, str]:
    """``"title=job_name,salary=pay"`` -> ``{"title": "job_name", "salary": "pay"}``."""
    mapping: dict[str, str] = {}
    for item in (text or "").split(","):
        if not item.strip():
            continue
        target, sep, column = (part.strip() for part in item.partition("="))
        if not sep or not target or not column:
            raise IngestError(f"bad mapping {item!r}; write FIELD=COLUMN, e.g. title=job_name")
        if target not in FIELDS:
            raise IngestError(f"unknown field {target!r} in the mapping; use: {', '.join(FIELDS)}")
        mapping[target] = column
    return mapping


def _renamed(
    rows: Iterable[dict[str, Any]], mapping: Mapping[str, str]
) -> Iterator[dict[str, Any]]:
    for number, row in enumerate(rows):
        if number == 0:
            missing = [c for c in mapping.values() if c not in row]
            if missing:
                raise IngestError(
                    f"the file has no column {', '.join(map(repr, missing))}; "
                    f"its columns are: {', '.join(str(k) for k in row)}"
                )
        renamed = dict(row)
        for target, column in mapping.items():
            renamed[target] = row.get(column)
        yield renamed


def ingest_rows(
    store: Store,
    rows: Iterable[dict[str, Any]],
    kind: Source,
    *,
    source_file: str,
    file_sha256: str | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    workers: int = 1,
) -> IngestResult:
    """Ingest raw rows already read; one transaction for all of them.

    Converted batches are first staged as parquet files in a temporary folder next to the
    store (memory stays flat however long the file), then one transaction loads them,
    keeping the first row of each content hash that is not stored yet.

    With ``workers > 1`` (and a registered source) that many worker processes convert and
    stage the batches while this one reads the file.
    """
    columns = {table: _column_types(store.con, table) for table in _STAGED}
    return _ingest(
        rows,
        kind,
        lambda: nullcontext(store),
        folder=store.path.parent if store.path is not None else None,
        columns=columns,
        source_file=source_file,
        file_sha256=file_sha256,
        batch_size=batch_size,
        progress=progress,
        workers=workers,
    )


def ingest_path(
    db: str | Path | None,
    path: str | Path,
    source: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
    workers: int | None = None,
) -> IngestResult:
    """:func:`ingest_file` into the store file ``db`` (default: the user's store),
    holding it open only for the load: while rows are converted and staged (most of an
    ingest), other processes can open the store read-only and query it.

    The store is checked first (a path that is no paypath store is refused before any
    work), then closed until the staged rows are loaded in one transaction.
    """
    target = Path(db) if db is not None else default_db_path()
    # create it, or refuse what is not a store, before staging
    open_store(target, bulk=True).close()
    if source == AGGREGATE_KIND:  # a few thousand facts: read, then loaded in one go
        with open_store(target, bulk=True) as store:
            return ingest_aggregates(store, path)
    kind, rows, file = _prepared(path, source, mapping, workers)
    with duckdb.connect(":memory:") as schema:
        schema.execute(SCHEMA_SQL)
        columns = {table: _column_types(schema, table) for table in _STAGED}
    count = workers if workers is not None else _auto_workers(file)
    return _ingest(
        rows,
        kind,
        # loaded into a copy swapped in whole: readers see the last state throughout
        lambda: store_copy(target, f"{STAGING_PREFIX}{os.getpid()}-"),
        folder=target.parent,
        columns=columns,
        source_file=str(file),
        file_sha256=_Digest(file),
        batch_size=batch_size,
        progress=progress,
        workers=count,
        cut=_Cut(file, dict(mapping or {})) if _cuttable(kind, file, count) else None,
    )


def _ingest(
    rows: Iterable[dict[str, Any]],
    kind: Source,
    opener: Callable[[], AbstractContextManager[Store]],
    *,
    folder: Path | None,
    columns: dict[str, dict[str, str]],
    source_file: str,
    file_sha256: str | _Digest | None,
    batch_size: int,
    progress: Progress | None,
    workers: int,
    cut: _Cut | None = None,
) -> IngestResult:
    """Stage every batch in ``folder``, then open the store (``opener()``) and load them.

    With ``cut``, the workers read the file in chunks; should a chunk not end at a
    record's end (:class:`ChunkMisaligned`), the file is read again, in order, here.
    """
    job = _Job(
        kind, opener, folder, columns, source_file, file_sha256, batch_size, progress, workers
    )
    if cut is not None:
        rows = iter(rows)
        first = next(rows)  # the checks of the file's first row (columns, mapping) run here
        try:
            return _ingest_once(iter(()), job, cut)
        except ChunkMisaligned:
            rows = chain([first], rows)
    return _ingest_once(rows, job, None)


@dataclass(frozen=True)
class _Job:
    """What one ingest run loads and where: :func:`_ingest`'s arguments but the rows."""

    kind: Source
    opener: Callable[[], AbstractContextManager[Store]]
    folder: Path | None
    columns: dict[str, dict[str, str]]
    source_file: str
    file_sha256: str | _Digest | None
    batch_size: int
    progress: Progress | None
    workers: int


def _ingest_once(rows: Iterable[dict[str, Any]], job: _Job, cut: _Cut | None) -> IngestResult:
    result = IngestResult(uuid.uuid4().hex, job.kind.kind, job.source_file)
    started = datetime.now(UTC).replace(tzinfo=None)
    batches = _batches(enumerate(rows, start=1), job.batch_size)
    try:
        with _Staging(job.folder, job.columns, result, "uncompressed") as staging:
            work = (
                _staged_chunks(
                    job.kind, staging.plan, csv_chunks(cut.file), cut.mapping, job.workers
                )
                if cut is not None
                else _staged(job.kind, staging.plan, batches, job.workers)
            )
            # the store is open while rows are converted, and each staged batch is
            # loaded as it comes (while the workers convert the next ones); should the
            # load fail, closing `work` stops the workers before their folder goes
            with contextlib.closing(work), job.opener() as store:
                _load(store, staging, result, job.file_sha256, started, work, job.progress)
    except (PaypathError, ChunkMisaligned):
        raise
    except Exception as exc:
        raise IngestError(
            f"ingest of {job.source_file} failed after {result.read:,} rows and was rolled back; "
            f"the store is unchanged ({type(exc).__name__}: {exc})"
        ) from exc
    return result


def _load(
    store: Store,
    staging: _Staging,
    result: IngestResult,
    file_sha256: str | _Digest | None,
    started: datetime,
    work: Iterable[Staged],
    progress: Progress | None,
) -> None:
    """Load each batch of ``work`` as it is staged, then the quarantined rows, and record
    the ingest, all in one transaction.

    Whatever stops it (an error, Ctrl-C, SIGTERM), the outcome reported must be what the
    store holds: an interrupt can land after COMMIT took effect, and then this returns
    (every row is stored and counted) instead of raising.
    """
    try:
        with _memory_limit(store.con, LOAD_MEMORY_LIMIT), store.transaction() as con:
            staging.add_all(work, progress, con)
            staging.load(con)
            if result.stored:
                refresh_pay_facts(con)
            log_ingest(con, result, file_sha256, started)
    except BaseException:
        if _committed(store, result.ingest_id):
            return
        raise


def log_ingest(
    con: duckdb.DuckDBPyConnection,
    result: IngestResult,
    file_sha256: str | _Digest | None,
    started: datetime,
) -> None:
    """Write the ``ingests`` row of ``result`` (inside the ingest's transaction)."""
    if isinstance(file_sha256, _Digest):
        file_sha256 = file_sha256.hexdigest()
    con.execute(
        "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.ingest_id,
            result.source,
            result.file,
            file_sha256,
            started,
            datetime.now(UTC).replace(tzinfo=None),
            result.read,
            result.stored,
            result.duplicates,
            result.quarantined,
        ],
    )


@contextlib.contextmanager
def _memory_limit(con: duckdb.DuckDBPyConnection, limit: str) -> Iterator[None]:
    """DuckDB's memory limit set to ``limit`` inside, and back to what it was after."""
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    con.execute(f"SET memory_limit = {_literal_text(limit)}")
    try:
        yield
    finally:
        if row:
            con.execute(f"SET memory_limit = {_literal_text(str(row[0]))}")


def _committed(store: Store, ingest_id: str) -> bool:
    """Whether the ingest ``ingest_id`` is in the store (its transaction committed)."""
    with contextlib.suppress(duckdb.Error):  # none open: the usual case
        store.con.execute("ROLLBACK")  # an interrupted COMMIT may leave one open
    try:
        row = store.con.execute("SELECT count(*) FROM ingests WHERE id = ?", [ingest_id]).fetchone()
    except duckdb.Error:
        return False
    return bool(row and row[0])


def _batches(
    numbered: Iterator[tuple[int, dict[str, Any]]], size: int
) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    while batch := list(islice(numbered, size)):
        yield batch


@dataclass
class Converted:
    """One batch after conversion: records with their file row numbers, and rejected rows
    as (number, reason, raw)."""

    read: int
    records: list[tuple[int, Record]]
    rejected: list[tuple[int, str, str]]


def convert_batch(kind: Source, batch: list[tuple[int, dict[str, Any]]]) -> Converted:
    """Raw rows -> records through the source's converter; rejections keep the raw row."""
    out = Converted(len(batch), [], [])
    for number, raw in batch:
        try:
            record = kind.convert(raw)
            reason = implausible(record, raw, kind.kind)
            if reason:
                raise RowRejected(reason)
            out.records.append((number, record))
        except RowRejected as exc:
            raw_json = json.dumps(
                {str(k): v for k, v in raw.items()}, ensure_ascii=False, default=str
            )
            out.rejected.append((number, exc.reason, raw_json))
    return out


_EARLIEST = date(1990, 1, 1)  # no posting or survey in the sources is older
_PAY_REQUIRED = frozenset({"ds-salaries", "levels"})  # a report row is its pay
_GENERIC = frozenset({"csv", "jsonl", "parquet"})
_PAY_FIELDS = ("salary", "salary_min", "salary_max")


def implausible(record: Record, raw: Mapping[Any, Any], kind: str) -> str | None:
    """Why a converted row cannot be true, or None: a pay that is not a finite number,
    years of experience outside 0-60, a date before 1990 or more than a year ahead, or
    a pay column that holds something other than pay ("-5", "NaN", "120000abc")."""
    pay = record.pay_usd
    if pay is not None and not math.isfinite(pay):
        return "pay out of range"
    years = record.years_experience
    if years is not None and not (math.isfinite(years) and 0 <= years <= MAX_YEARS):
        return "implausible years of experience"
    posted = record.posted_at
    if posted is not None and not _EARLIEST <= posted <= date.today() + timedelta(days=366):
        return "implausible date"
    if pay is None:
        if kind in _PAY_REQUIRED:
            return "unreadable pay"
        if kind in _GENERIC and any(str(raw.get(f) or "").strip() for f in _PAY_FIELDS):
            return "unreadable pay"
    elif kind in _GENERIC:
        cell = str(raw.get("salary") or "").strip()
        if cell and len(cell.split()) == 1 and record.salary_text not in (None, cell):
            return "unreadable pay"  # one token read only in part: "120000abc", "1e308"
    return None


@dataclass(frozen=True)
class StagePlan:
    """Where and how a batch is staged: picklable, so worker processes stage their own."""

    dir: Path
    ingest_id: str
    source: str
    file: str
    columns: dict[str, dict[str, str]]  # table -> column -> DuckDB type
    # the files' parquet codec: a store's ingest loads and deletes each batch's files
    # within seconds, so it writes them uncompressed (less CPU on both sides: 100k
    # postings, about 2 s less than snappy); a dataset's ingest keeps them to the end
    compression: str = "snappy"


@dataclass
class Staged:
    """What staging one batch did: the counts the ingest result adds up."""

    read: int = 0
    records: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    chunk: int | None = None  # the file chunk it comes from (its rows are numbered in it)
    numbers: list[int] = field(default_factory=list)  # its batches' file numbers


def stage_batch(
    plan: StagePlan, number: int, converted: Converted, con: duckdb.DuckDBPyConnection
) -> Staged:
    """Write one converted batch as parquet files (``<table>-<number>.parquet``).

    Each posting and skill row carries ``_row``, its row number in the file, so the load
    keeps exactly the first row of each new content hash.
    """
    staged = Staged(converted.read, len(converted.records), numbers=[number])
    staged.reasons.update(reason for _, reason, _ in converted.rejected)
    if converted.rejected:
        rejected = [
            (plan.ingest_id, plan.source, plan.file, row, reason, raw)
            for row, reason, raw in converted.rejected
        ]
        _write(plan, con, "quarantine", number, rejected)
    postings: list[tuple[Any, ...]] = []
    skills: list[tuple[Any, ...]] = []
    for row, record in converted.records:
        record.source_file = plan.file
        record.ingest_id = plan.ingest_id
        postings.append((*record.row(), row))
        asked = record.skills if record.asked is None else record.asked
        skills.extend(
            (record.id, skill, count, asked.get(skill, 0), row)
            for skill, count in record.skills.items()
        )
    if postings:
        _write(plan, con, "postings", number, postings)
    if skills:
        _write(plan, con, "posting_skills", number, skills)
    return staged


def _write(
    plan: StagePlan,
    con: duckdb.DuckDBPyConnection,
    table: str,
    number: int,
    rows: list[tuple[Any, ...]],
) -> None:
    types = plan.columns[table]
    ordered = table != "quarantine"
    names = [*types, "_row"] if ordered else list(types)
    # DuckDB reads a dict of numpy arrays as it reads a DataFrame, and numpy is a third
    # of pandas' memory in each worker (about 35 MB less per process); imported here: the
    # ingesting process, beside the workers, never needs it
    import numpy as np

    batch: dict[str, Any] = {}
    for name, values in zip(names, zip(*rows, strict=True), strict=True):
        column = np.empty(len(values), dtype=object)
        column[:] = values  # element by element, whatever the values are
        batch[name] = column
    casts = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in types.items())
    if ordered:
        casts += ', CAST("_row" AS BIGINT) AS "_row"'
    path = plan.dir / f"{table}-{number:08d}.parquet"
    con.register("batch", batch)
    try:
        con.execute(
            f"COPY (SELECT {casts} FROM batch) TO {_literal(path)} "
            f"(FORMAT parquet, COMPRESSION {plan.compression})"
        )
        path.chmod(0o600)  # raw rows: owner-only, like the 0700 folder it is in
    finally:
        con.unregister("batch")


def _staging_connection() -> duckdb.DuckDBPyConnection:
    # a private connection writes the files: no work in the store until the load. A
    # batch's parquet file needs a few MB; a worker lives beside the load's DuckDB now,
    # so its own stays small (a worker's memory at 64 MB: about 30 MB less than at 256)
    return quiet(duckdb.connect(config={"threads": 1, "memory_limit": "64MB"}))


_WORKER_CON: list[duckdb.DuckDBPyConnection] = []


# A worker's objects are mostly long-lived memos (paragraphs, lines, verdicts), and the
# few cycles its batches make are freed at the batch's end anyway: the default first
# threshold (700 allocations) sent it through full collections of the memos about 35
# times per 85k postings, 12% of its CPU. A collection every 100k allocations costs nothing
# measurable and leaves memory as it was.
_WORKER_GC_THRESHOLD = (100_000, 50, 100)


def _start_worker() -> None:
    """A worker process's set-up: its collector's threshold, and an end with its parent."""
    gc.set_threshold(*_WORKER_GC_THRESHOLD)
    _die_with_parent()


def _die_with_parent() -> None:
    """In a worker: end when the ingesting process ends, even by SIGKILL (no orphans)."""
    parent = os.getppid()
    if sys.platform == "linux":
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:  # other systems: poll for the parent
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _stage_registered(
    kind: str, plan: StagePlan, number: int, batch: list[tuple[int, dict[str, Any]]]
) -> Staged:
    """In a worker process: convert a batch of a registered source and stage it."""
    if not _WORKER_CON:
        _WORKER_CON.append(_staging_connection())
    return stage_batch(plan, number, convert_batch(SOURCES[kind], batch), _WORKER_CON[0])


CHUNK_ROWS = 1 << 32  # row numbers of chunk k: k * CHUNK_ROWS + its row number in the chunk


def _stage_chunk(
    kind: str, plan: StagePlan, number: int, chunk: Chunk, mapping: dict[str, str], size: int
) -> Staged:
    """In a worker process: read one chunk of a CSV file, convert it and stage it in
    batches of ``size`` rows (files ``<table>-<number * 2**20 + batch>.parquet``)."""
    if not _WORKER_CON:
        _WORKER_CON.append(_staging_connection())
    rows: Iterator[dict[str, Any]] = read_chunk(chunk)
    if mapping:
        rows = _renamed(rows, mapping)
    total = Staged(chunk=number)
    numbered = enumerate(rows, start=number * CHUNK_ROWS + 1)
    for index, batch in enumerate(_batches(numbered, size)):
        staged = stage_batch(
            plan, (number << 20) + index, convert_batch(SOURCES[kind], batch), _WORKER_CON[0]
        )
        total.read += staged.read
        total.records += staged.records
        total.reasons.update(staged.reasons)
        total.numbers.extend(staged.numbers)
    return total


def _staged_chunks(
    kind: Source, plan: StagePlan, chunks: Iterator[Chunk], mapping: dict[str, str], workers: int
) -> Generator[Staged, None, None]:
    """Each chunk read, converted and staged by a worker, in file order."""
    return _pooled(
        workers,
        (
            (_stage_chunk, (kind.kind, plan, number, chunk, mapping, BATCH_SIZE))
            for number, chunk in enumerate(chunks)
        ),
    )


def _pooled(
    workers: int, calls: Iterator[tuple[Callable[..., Staged], tuple[Any, ...]]]
) -> Generator[Staged, None, None]:
    """Run ``calls`` in a pool of ``workers`` processes, a few ahead; results in order."""
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker)
    try:
        pending: deque[Future[Staged]] = deque()
        for function, args in calls:
            pending.append(pool.submit(function, *args))
            if len(pending) > 2 * workers:  # bounded read-ahead keeps memory flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    except BaseException:
        # an error or an interrupt: stop the workers now, mid-batch, rather than wait
        # for the batches they hold (their staged files go with the staging folder)
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _staged(
    kind: Source,
    plan: StagePlan,
    batches: Iterator[list[tuple[int, dict[str, Any]]]],
    workers: int,
) -> Generator[Staged, None, None]:
    """Each batch converted and staged, in input order; in a process pool when
    ``workers > 1`` (the workers write the parquet files, this process only reads)."""
    if workers <= 1 or SOURCES.get(kind.kind) is not kind:
        con = _staging_connection()
        try:
            for number, batch in enumerate(batches):
                yield stage_batch(plan, number, convert_batch(kind, batch), con)
        finally:
            con.close()
        return
    yield from _pooled(
        workers,
        (
            (_stage_registered, (kind.kind, plan, number, batch))
            for number, batch in enumerate(batches)
        ),
    )


class _Staging:
    """A temporary folder of staged parquet batches, loaded into the store batch by batch
    (:meth:`add_all`), all in the caller's one transaction."""

    def __init__(
        self,
        folder: Path | None,
        columns: dict[str, dict[str, str]],
        result: IngestResult,
        compression: str = "snappy",
    ) -> None:
        self.result = result
        self.dir = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=folder))
        self.plan = StagePlan(
            self.dir, result.ingest_id, result.source, result.file, columns, compression
        )
        self.records = 0
        self.bases: dict[int, int] = {0: 0}  # file chunk -> rows read before it

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        if exc[0] is not None:
            shutil.rmtree(self.dir, ignore_errors=True)
            return
        with contextlib.suppress(BaseException):  # loaded: an interrupt now changes nothing
            shutil.rmtree(self.dir, ignore_errors=True)

    def add_all(
        self,
        work: Iterable[Staged],
        progress: Progress | None,
        con: duckdb.DuckDBPyConnection | None = None,
    ) -> None:
        """Count what each staged batch read, kept and quarantined (and why); with ``con``
        (a store, inside the caller's transaction), load its postings and skills there as
        it comes, while the workers convert the next ones.

        ``work`` comes in input order, so the first row of each content hash is the one
        loaded first: the rows after it, and the rows the store already holds, are
        duplicates (``INSERT OR IGNORE`` on the PRIMARY KEY).
        """
        reasons: Counter[str] = Counter()
        for staged in work:
            if staged.chunk is not None:
                self.bases[staged.chunk] = self.result.read
            self.result.read += staged.read
            self.result.quarantined += sum(staged.reasons.values())
            reasons.update(staged.reasons)
            self.records += staged.records
            if con is not None and staged.records:
                self._load_part(con, staged.numbers)
            if progress is not None:
                progress(staged.read)
        self.result.reasons = dict(reasons)
        if con is not None:
            self.result.duplicates = self.records - self.result.stored

    def _load_part(self, con: duckdb.DuckDBPyConnection, numbers: list[int]) -> None:
        """Insert the postings of the staged batches ``numbers`` that the store does not
        hold yet (of each content hash among them, the row that comes first), with their
        skills; then remove the batches' files.

        The store's PRIMARY KEY index finds what it holds, so a batch costs the same
        however many rows were loaded before it.
        """
        files = {
            table: [f for n in numbers if (f := self.dir / f"{table}-{n:08d}.parquet").exists()]
            for table in ("postings", "posting_skills")
        }
        if not files["postings"]:
            return
        postings = _scan_files(files["postings"])
        first = f"_first_{self.result.ingest_id}"
        con.execute(
            f"CREATE OR REPLACE TEMP TABLE {first} AS "
            f"SELECT id, min(_row) AS _row FROM {postings} GROUP BY id"
        )
        columns = ", ".join(f'p."{c}"' for c in self.plan.columns["postings"])
        stored = [
            str(id_)
            for (id_,) in con.execute(
                f"INSERT OR IGNORE INTO postings SELECT {columns} FROM {postings} AS p "
                f"JOIN {first} AS n ON p.id = n.id AND p._row = n._row RETURNING id"
            ).fetchall()
        ]
        self.result.stored += len(stored)
        if stored and files["posting_skills"]:
            con.execute(
                "INSERT INTO posting_skills SELECT s.posting_id, s.skill_id, s.mentions, s.asked "
                f"FROM {_scan_files(files['posting_skills'])} AS s "
                f"JOIN {first} AS n ON s.posting_id = n.id AND s._row = n._row "
                "WHERE s.posting_id IN (SELECT unnest(?::VARCHAR[]))",
                [stored],
            )
        con.execute(f"DROP TABLE {first}")
        for file in chain(*files.values()):
            file.unlink()  # loaded (uncommitted): the staging folder holds only what is to come

    def load(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert the quarantined rows (inside the caller's transaction), once
        :meth:`add_all` loaded the postings."""
        if self._has("quarantine"):
            # a row quarantined by an earlier ingest of the same source is not kept twice
            # a chunk's rows are numbered in it: the file's row number adds the rows before
            bases = ", ".join(f"({k}, {v})" for k, v in self.bases.items())
            con.execute(
                "INSERT INTO quarantine SELECT q.ingest_id, q.source, q.source_file, "
                f"b.base + q.row_number % {CHUNK_ROWS}, q.reason, q.raw "
                f"FROM {self._scan('quarantine')} AS q JOIN (VALUES {bases}) AS b(chunk, base) "
                f"ON q.row_number // {CHUNK_ROWS} = b.chunk "
                "WHERE NOT EXISTS (SELECT 1 FROM quarantine AS e WHERE e.source = q.source "
                "AND e.reason = q.reason AND e.raw = q.raw)"
            )

    def _has(self, table: str) -> bool:
        return any(self.dir.glob(f"{table}-*.parquet"))

    def _scan(self, table: str) -> str:
        return f"read_parquet({_literal(self.dir / f'{table}-*.parquet')})"


def _scan_files(files: list[Path]) -> str:
    return f"read_parquet([{', '.join(_literal(f) for f in files)}])"


_STAGED = ("postings", "posting_skills", "quarantine")
STAGING_PREFIX = ".paypath-ingest-"  # + the ingesting process id + "-" + a random part


def clean_stale_staging(folder: Path) -> list[Path]:
    """Remove the staging folders in ``folder`` whose ingest process is gone (killed with
    SIGKILL, or a crash); those of a live process are kept. Returns what was removed."""
    removed: list[Path] = []
    try:
        candidates = list(folder.glob(f"{STAGING_PREFIX}*"))
    except OSError:
        return removed
    for path in candidates:
        pid_text = path.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if path.is_dir() and not (pid_text.isdigit() and _alive(int(pid_text))):
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    return removed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's live process
    return True


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    rows = con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main' "
        "AND table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    return {str(name): str(kind) for name, kind in rows}


def _literal(path: Path) -> str:
    return _literal_text(str(path))


def ingest_dataset(
    out: str | Path,
    path: str | Path,
    source: str,
    *,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
    mapping: Mapping[str, str] | None = None,
    workers: int | None = None,
) -> IngestResult:
    """:func:`ingest_file` into the Parquet dataset ``out`` (a local folder or ``file://``;
    see :mod:`paypath.market.dataset`) instead of a store: the same conversion and staged
    batches, then dedup against the dataset's committed files and one atomic commit."""
    from paypath.market import dataset

    root = dataset.local_path(out)
    if root is None:
        raise IngestError(
            f"the local engine writes a local dataset (a folder or file://), not {out}; "
            "use --engine spark for Hadoop paths"
        )
    root.mkdir(parents=True, exist_ok=True)
    base = dataset.read_manifest(root)
    kind, rows, file = _prepared(path, source, mapping, workers)
    columns = {table: dataset.schema_columns()[table] for table in _STAGED}
    result = IngestResult(uuid.uuid4().hex, kind.kind, str(file))
    started = dataset.now()
    try:
        with _Staging(root, columns, result) as staging:
            batches = _batches(enumerate(rows, start=1), batch_size)
            auto = workers if workers is not None else _auto_workers(file)
            staging.add_all(_staged(kind, staging.plan, batches, auto), progress)
            entry = dataset.IngestEntry(
                result.ingest_id, result.source, result.file, _sha256(file), started, "",
                result.read, 0, 0, result.quarantined, result.reasons,
            )  # fmt: skip
            entry.finished_at = dataset.now()
            dataset.write_staged(root, staging.dir, entry, staging.records, base)
    except PaypathError:
        raise
    except Exception as exc:
        raise IngestError(
            f"ingest of {file} into {out} failed after {result.read:,} rows; nothing was "
            f"committed, the dataset is unchanged ({type(exc).__name__}: {exc})"
        ) from exc
    result.stored, result.duplicates = entry.stored, entry.duplicates
    return result


def _literal_text(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
