"""Ingest a file into the store: stream rows in batches, all in one transaction.

* every raw row becomes a record through its source's ``convert`` (salary parsing, title
  classification, skills, location) or is quarantined with the reason;
* a record whose content hash is already stored (or seen earlier in the file) is counted
  as a duplicate and not stored again, so re-ingesting a file adds nothing;
* the whole ingest is one transaction: a failure midway leaves the store as it was.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import uuid
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path
from typing import Any

import pandas as pd

from paypath.errors import IngestError, PaypathError
from paypath.market.records import POSTING_COLUMNS, Record, RowRejected
from paypath.market.sources import FIELDS, SOURCES, Source, source_kinds
from paypath.market.store import Store

__all__ = ["BATCH_SIZE", "IngestResult", "ingest_file", "ingest_rows", "parse_mapping"]

BATCH_SIZE = 5_000
PARALLEL_MIN_BYTES = 32 * 2**20
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

    ``workers``: processes that convert rows (default: one per core for files over
    32 MB, else none — starting a worker costs a few seconds of catalog loading).

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
        workers=workers if workers is not None else _auto_workers(file),
    )


def _auto_workers(file: Path) -> int:
    if file.stat().st_size < PARALLEL_MIN_BYTES:
        return 1
    return max(1, min(os.cpu_count() or 1, 4))


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

    With ``workers > 1`` (and a registered source) rows are converted in that many worker
    processes while this one reads the file and writes the store.
    """
    result = IngestResult(uuid.uuid4().hex, kind.kind, source_file)
    started = datetime.now(UTC).replace(tzinfo=None)
    reasons: Counter[str] = Counter()
    batches = _batches(enumerate(rows, start=1), batch_size)
    try:
        with store.transaction() as con:
            for converted in _converted(kind, batches, workers):
                _store_batch(con, converted, result, reasons)
                if progress is not None:
                    progress(converted.read)
            result.reasons = dict(reasons)
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


def _store_batch(
    con: Any, converted: Converted, result: IngestResult, reasons: Counter[str]
) -> None:
    result.read += converted.read
    records: dict[str, Record] = {}
    for record in converted.records:
        record.source_file = result.file
        record.ingest_id = result.ingest_id
        if record.id in records:
            result.duplicates += 1
        else:
            records[record.id] = record
    rejected = [
        (result.ingest_id, result.source, result.file, number, reason, raw)
        for number, reason, raw in converted.rejected
    ]
    for _, reason, _ in converted.rejected:
        reasons[reason] += 1
    if rejected:
        con.executemany("INSERT INTO quarantine VALUES (?, ?, ?, ?, ?, ?)", rejected)
        result.quarantined += len(rejected)
    if not records:
        return
    frame = pd.DataFrame([r.row() for r in records.values()], columns=list(POSTING_COLUMNS))
    con.register("incoming", frame)
    try:
        new_ids = [
            row[0]
            for row in con.execute(
                "INSERT INTO postings SELECT * FROM incoming "
                "WHERE id NOT IN (SELECT id FROM postings) RETURNING id"
            ).fetchall()
        ]
    finally:
        con.unregister("incoming")
    result.stored += len(new_ids)
    result.duplicates += len(records) - len(new_ids)
    skills = [
        (pid, skill, count) for pid in new_ids for skill, count in records[pid].skills.items()
    ]
    if skills:
        found = pd.DataFrame(skills, columns=["posting_id", "skill_id", "mentions"])
        con.register("incoming_skills", found)
        try:
            con.execute("INSERT INTO posting_skills SELECT * FROM incoming_skills")
        finally:
            con.unregister("incoming_skills")
