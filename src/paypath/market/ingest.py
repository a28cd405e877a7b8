"""Ingest a file into the store: convert rows in batches, load them in one transaction.

* every raw row becomes a record through its source's ``convert`` (salary parsing, title
  classification, skills, location) or is quarantined with the reason;
* a record whose content hash is already stored (or seen earlier in the file) is counted
  as a duplicate and not stored again, so re-ingesting a file adds nothing;
* the whole ingest is one transaction: a failure midway leaves the store as it was.

Memory stays flat while rows are converted: batches are staged as parquet files in a
temporary folder next to the store, and only then loaded in one transaction (DuckDB
dedups them and spills what it can). What grows with the row count is DuckDB's
PRIMARY KEY indexes, which it keeps in memory: about 1.75 GB at commit for 1M postings.
"""

from __future__ import annotations

import gc
import hashlib
import json
import multiprocessing
import shutil
import tempfile
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from paypath.errors import IngestError, PaypathError
from paypath.market.records import Record, RowRejected
from paypath.market.sources import FIELDS, SOURCES, Source, source_kinds
from paypath.market.store import Store

__all__ = ["BATCH_SIZE", "IngestResult", "ingest_file", "ingest_rows", "parse_mapping"]

BATCH_SIZE = 5_000
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

    ``workers``: processes that convert rows (default: none, conversion runs in this
    process; starting a worker costs a few seconds of catalog loading).

    ``mapping`` renames the file's columns to the fields a source reads (``{"title":
    "job_name", "salary": "pay"}``), for the generic ``csv``/``jsonl``/``parquet`` kinds.
    """
    file = Path(path)
    if not file.is_file():
        raise IngestError(f"no such file: {file}")
    kind = _source(source)
    rows = kind.read(file)
    return ingest_rows(
        store,
        _renamed(rows, mapping) if mapping else rows,
        kind,
        source_file=str(file),
        file_sha256=_sha256(file),
        batch_size=batch_size,
        progress=progress,
        workers=workers if workers is not None else 1,
    )


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

    With ``workers > 1`` (and a registered source) rows are converted in that many worker
    processes while this one reads the file and stages the batches.
    """
    result = IngestResult(uuid.uuid4().hex, kind.kind, source_file)
    started = datetime.now(UTC).replace(tzinfo=None)
    reasons: Counter[str] = Counter()
    batches = _batches(enumerate(rows, start=1), batch_size)
    try:
        with _Staging(store, result) as staging:
            for converted in _converted(kind, batches, workers):
                staging.add(converted, reasons)
                if progress is not None:
                    progress(converted.read)
            result.reasons = dict(reasons)
            staging.con.close()
            gc.collect()  # hand the conversion's garbage back before the load
            with store.transaction() as con, _load_memory(con):
                staging.load(con)
                con.execute(
                    "INSERT INTO ingests VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        result.ingest_id,
                        result.source,
                        source_file,
                        file_sha256,
                        started,
                        datetime.now(UTC).replace(tzinfo=None),
                        result.read,
                        result.stored,
                        result.duplicates,
                        result.quarantined,
                    ],
                )
    except PaypathError:
        raise
    except Exception as exc:
        raise IngestError(
            f"ingest of {source_file} failed after {result.read:,} rows and was rolled back; "
            f"the store is unchanged ({type(exc).__name__}: {exc})"
        ) from exc
    return result


def _batches(
    numbered: Iterator[tuple[int, dict[str, Any]]], size: int
) -> Iterator[list[tuple[int, dict[str, Any]]]]:
    while batch := list(islice(numbered, size)):
        yield batch


@dataclass
class Converted:
    """One batch after conversion: records, and rejected rows as (number, reason, raw)."""

    read: int
    records: list[Record]
    rejected: list[tuple[int, str, str]]


def convert_batch(kind: Source, batch: list[tuple[int, dict[str, Any]]]) -> Converted:
    """Raw rows -> records through the source's converter; rejections keep the raw row."""
    out = Converted(len(batch), [], [])
    for number, raw in batch:
        try:
            out.records.append(kind.convert(raw))
        except RowRejected as exc:
            raw_json = json.dumps(
                {str(k): v for k, v in raw.items()}, ensure_ascii=False, default=str
            )
            out.rejected.append((number, exc.reason, raw_json))
    return out


def _convert_registered(kind: str, batch: list[tuple[int, dict[str, Any]]]) -> Converted:
    return convert_batch(SOURCES[kind], batch)


def _converted(
    kind: Source, batches: Iterator[list[tuple[int, dict[str, Any]]]], workers: int
) -> Iterator[Converted]:
    """Converted batches in input order; in a process pool when ``workers > 1``."""
    if workers <= 1 or SOURCES.get(kind.kind) is not kind:
        yield from (convert_batch(kind, batch) for batch in batches)
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        pending: deque[Future[Converted]] = deque()
        for batch in batches:
            pending.append(pool.submit(_convert_registered, kind.kind, batch))
            if len(pending) > 2 * workers:  # bounded read-ahead keeps memory flat
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


class _Staging:
    """Converted batches as parquet files in a temporary folder, then loaded in one go.

    Each staged posting and skill row carries ``_row``, its position among the file's
    records, so the load keeps exactly the first row of each new content hash.
    """

    def __init__(self, store: Store, result: IngestResult) -> None:
        self.result = result
        parent = store.path.parent if store.path is not None else None
        self.dir = Path(tempfile.mkdtemp(prefix=".paypath-ingest-", dir=parent))
        # a private connection writes the files: no work in the store until the load
        self.con = duckdb.connect(config={"threads": 1, "memory_limit": "256MB"})
        self.columns = {table: _column_types(store, table) for table in _STAGED}
        self.files: Counter[str] = Counter()
        self.records = 0

    def __enter__(self) -> _Staging:
        return self

    def __exit__(self, *exc: object) -> None:
        self.con.close()
        shutil.rmtree(self.dir, ignore_errors=True)

    def add(self, converted: Converted, reasons: Counter[str]) -> None:
        """Stage one converted batch and count what it read and quarantined."""
        result = self.result
        result.read += converted.read
        result.quarantined += len(converted.rejected)
        reasons.update(reason for _, reason, _ in converted.rejected)
        if converted.rejected:
            rejected = [
                (result.ingest_id, result.source, result.file, number, reason, raw)
                for number, reason, raw in converted.rejected
            ]
            self._write("quarantine", rejected)
        if not converted.records:
            return
        postings: list[tuple[Any, ...]] = []
        skills: list[tuple[Any, ...]] = []
        for position, record in enumerate(converted.records, start=self.records):
            record.source_file = result.file
            record.ingest_id = result.ingest_id
            postings.append((*record.row(), position))
            skills.extend(
                (record.id, skill, count, position) for skill, count in record.skills.items()
            )
        self.records += len(converted.records)
        self._write("postings", postings)
        if skills:
            self._write("posting_skills", skills)

    def _write(self, table: str, rows: list[tuple[Any, ...]]) -> None:
        types = self.columns[table]
        names = list(types) + (["_row"] if table != "quarantine" else [])
        frame = pd.DataFrame(rows, columns=names)
        casts = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in types.items())
        if table != "quarantine":
            casts += ', CAST("_row" AS BIGINT) AS "_row"'
        path = self.dir / f"{table}-{self.files[table]:06d}.parquet"
        self.files[table] += 1
        self.con.register("batch", frame)
        try:
            self.con.execute(
                f"COPY (SELECT {casts} FROM batch) TO {_literal(path)} (FORMAT parquet)"
            )
        finally:
            self.con.unregister("batch")

    def load(self, con: duckdb.DuckDBPyConnection) -> None:
        """Insert the staged rows into the store (inside the caller's transaction)."""
        result = self.result
        if self.files["quarantine"]:
            con.execute(f"INSERT INTO quarantine SELECT * FROM {self._scan('quarantine')}")
        if not self.records:
            return
        postings = self._scan("postings")
        new = f"_ingest_{result.ingest_id}"
        # the first row of each content hash in the file that the store does not hold yet
        con.execute(
            f"CREATE TEMP TABLE {new} AS SELECT id, min(_row) AS _row FROM {postings} AS p "
            "WHERE NOT EXISTS (SELECT 1 FROM postings AS s WHERE s.id = p.id) GROUP BY id"
        )
        columns = ", ".join(f'p."{c}"' for c in self.columns["postings"])
        row = con.execute(
            f"INSERT INTO postings SELECT {columns} FROM {postings} AS p "
            f"JOIN {new} AS n ON p.id = n.id AND p._row = n._row"
        ).fetchone()
        result.stored = int(row[0]) if row else 0
        result.duplicates = self.records - result.stored
        if self.files["posting_skills"]:
            con.execute(
                "INSERT INTO posting_skills SELECT s.posting_id, s.skill_id, s.mentions "
                f"FROM {self._scan('posting_skills')} AS s "
                f"JOIN {new} AS n ON s.posting_id = n.id AND s._row = n._row"
            )
        con.execute(f"DROP TABLE {new}")  # a failure rolls its creation back

    def _scan(self, table: str) -> str:
        return f"read_parquet({_literal(self.dir / f'{table}-*.parquet')})"


_STAGED = ("postings", "posting_skills", "quarantine")
# The commit holds the transaction's PRIMARY KEY index entries twice (its own and the
# table's), and DuckDB cannot spill index memory: ~1.75 GB for 1M postings with ~12M
# skill rows. The load gets this much; everything else it holds spills to disk.
LOAD_MEMORY_LIMIT = "1800MB"


@contextmanager
def _load_memory(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    row = con.execute("SELECT current_setting('memory_limit')").fetchone()
    con.execute(f"SET memory_limit = '{LOAD_MEMORY_LIMIT}'")
    try:
        yield
    finally:
        con.execute(f"SET memory_limit = '{row[0] if row else '1GB'}'")


def _column_types(store: Store, table: str) -> dict[str, str]:
    rows = store.con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = current_database() AND schema_name = 'main' "
        "AND table_name = ? ORDER BY column_index",
        [table],
    ).fetchall()
    return {str(name): str(kind) for name, kind in rows}


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"
