"""The market dataset: market data as partitioned Parquet files with a manifest.

The DuckDB store (:mod:`paypath.market.store`) stays the embedded default. A *dataset*
is the format for data that outgrows one machine: plain Parquet files that DuckDB and
Spark both read in place, with no export step between them.

Layout (hive-style partitions; ``year`` is ``year(posted_at)``, 0 when undated)::

    DATASET/_manifest.json                                 the committed state
    DATASET/postings/source=jobspy/year=2025/part-<ingest>-<n>.parquet
    DATASET/posting_skills/source=jobspy/year=2025/part-<ingest>-<n>.parquet
    DATASET/quarantine/source=jobspy/part-<ingest>-<n>.parquet
    DATASET/_staging/<ingest>/...                          a writer's files until commit

Tables keep the store's columns (``SCHEMA_SQL``) except the partition columns, which
live in the paths: ``postings`` without ``source``; ``posting_skills`` as in the store
(its rows sit in their posting's partition); ``quarantine`` without ``source``.
``ingests`` is the manifest itself. ``pay_facts`` is a view over ``postings``.

Commit protocol (``VERSION`` 1): a writer writes every file under
``_staging/<ingest>/``, moves them to their partitions under names carrying the ingest
id, and commits by replacing ``_manifest.json`` (written beside it, then renamed: one
small file). Readers read only the files the committed manifest names, so a failed job
leaves the dataset as it was (its stray files are never read; :func:`vacuum` deletes
them) and readers can query during an ingest. A commit holds ``_lock`` (created
exclusively) and fails if the manifest changed since the writer deduplicated against it.

Paths: a local folder or ``file://`` URI for both engines; any Hadoop-compatible URI
(``hdfs://``, ``s3a://``) for Spark, through
:class:`~paypath.market.engines.spark_ingest.HadoopFileSystem` (Spark's ingest writes
there, and :mod:`paypath.market.engines.spark_dataset` reads there).
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import Protocol

import duckdb

from paypath.errors import IngestError, StoreError
from paypath.market.store import PAY_FACTS_SELECT, SCHEMA_SQL, Store, quiet

__all__ = [
    "FORMAT",
    "MANIFEST",
    "PARTITIONS",
    "TABLES",
    "VERSION",
    "DatasetStore",
    "FileSystem",
    "IngestEntry",
    "LocalFileSystem",
    "Manifest",
    "attach_views",
    "commit",
    "dataset_files",
    "file_columns",
    "local_path",
    "now",
    "open_dataset",
    "read_manifest",
    "schema_columns",
    "staging_dir",
    "vacuum",
    "write_staged",
]

FORMAT = "paypath-market-dataset"
VERSION = 1
MANIFEST = "_manifest.json"
LOCK = "_lock"
STAGING = "_staging"
TABLES = ("postings", "posting_skills", "quarantine")
# each table's partition columns, in path order
PARTITIONS: dict[str, tuple[str, ...]] = {
    "postings": ("source", "year"),
    "posting_skills": ("source", "year"),
    "quarantine": ("source",),
}


@dataclass
class IngestEntry:
    """One committed ingest: the ``ingests`` row and the files it added, per table."""

    id: str
    source: str
    source_file: str
    file_sha256: str | None
    started_at: str
    finished_at: str
    read: int
    stored: int
    duplicates: int
    quarantined: int
    reasons: dict[str, int] = field(default_factory=dict)
    engine: str = "duckdb"
    files: dict[str, list[str]] = field(default_factory=dict)  # table -> relative paths


@dataclass
class Manifest:
    """The committed state: ``version`` counts commits (0: nothing committed yet)."""

    version: int = 0
    ingests: list[IngestEntry] = field(default_factory=list)

    def files(self, table: str) -> list[str]:
        return [f for entry in self.ingests for f in entry.files.get(table, [])]

    def to_json(self) -> str:
        body = {"format": FORMAT, "format_version": VERSION, "version": self.version}
        return json.dumps({**body, "ingests": [asdict(e) for e in self.ingests]}, indent=1)

    @classmethod
    def from_json(cls, text: str, where: str) -> Manifest:
        try:
            body = json.loads(text)
            if body.get("format") != FORMAT:
                raise StoreError(f"{where} is not a paypath dataset manifest")
            if int(body["format_version"]) > VERSION:
                raise StoreError(
                    f"{where} is dataset format {body['format_version']}; this paypath "
                    f"reads up to {VERSION}: upgrade paypath"
                )
            ingests = [IngestEntry(**e) for e in body["ingests"]]
            return cls(int(body["version"]), ingests)
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"{where} is damaged ({type(exc).__name__}: {exc})") from exc


class FileSystem(Protocol):
    """The few file operations a dataset needs; paths are URIs or local paths."""

    def exists(self, path: str) -> bool: ...

    def read_text(self, path: str) -> str: ...

    def write_text(self, path: str, text: str) -> None: ...

    def create_exclusive(self, path: str, text: str) -> bool: ...

    def rename(self, src: str, dst: str) -> None: ...

    def delete(self, path: str) -> None: ...

    def list_files(self, folder: str) -> list[str]: ...


def local_path(uri: str | Path) -> Path | None:
    """The local path of a dataset URI (a plain path or ``file://``), else None."""
    text = str(uri)
    if text.startswith("file://"):
        return Path(text[len("file://") :])
    if "://" in text:
        return None
    return Path(text)


class LocalFileSystem:
    """:class:`FileSystem` over local paths (``os.replace`` renames atomically)."""

    def exists(self, path: str) -> bool:
        return Path(path).exists()

    def read_text(self, path: str) -> str:
        return Path(path).read_text(encoding="utf-8")

    def write_text(self, path: str, text: str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")

    def create_exclusive(self, path: str, text: str) -> bool:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        return True

    def rename(self, src: str, dst: str) -> None:
        Path(dst).parent.mkdir(parents=True, exist_ok=True)
        os.replace(src, dst)

    def delete(self, path: str) -> None:
        target = Path(path)
        if target.is_dir():
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)

    def list_files(self, folder: str) -> list[str]:
        root = Path(folder)
        return sorted(str(p) for p in root.rglob("*") if p.is_file()) if root.is_dir() else []


def _join(root: str, *parts: str) -> str:
    return "/".join([str(root).rstrip("/"), *parts])


def _root(uri: str | Path) -> str:
    local = local_path(uri)
    return str(local) if local is not None else str(uri).rstrip("/")


def read_manifest(uri: str | Path, fs: FileSystem | None = None) -> Manifest:
    """The committed manifest of the dataset at ``uri`` (empty when there is none yet)."""
    fs = fs or LocalFileSystem()
    path = _join(_root(uri), MANIFEST)
    if not fs.exists(path):
        return Manifest()
    return Manifest.from_json(fs.read_text(path), path)


def dataset_files(uri: str | Path, table: str, manifest: Manifest) -> list[str]:
    """Full paths of ``table``'s committed files."""
    return [_join(_root(uri), rel) for rel in manifest.files(table)]


def staging_dir(uri: str | Path, ingest_id: str) -> str:
    return _join(_root(uri), STAGING, ingest_id)


def commit(
    uri: str | Path,
    entry: IngestEntry,
    staged: Mapping[str, list[str]],
    *,
    base_version: int,
    fs: FileSystem | None = None,
) -> Manifest:
    """Move ``staged`` files (table -> files under the ingest's staging folder) into their
    partitions and commit ``entry`` with them; returns the new manifest.

    Raises :class:`IngestError`, leaving the committed state as it was, when another
    writer holds the lock or committed after ``base_version`` (the dedup would be stale).
    """
    fs = fs or LocalFileSystem()
    root = _root(uri)
    lock = _join(root, LOCK)
    if not fs.create_exclusive(lock, f"{entry.id}\n"):
        raise IngestError(
            f"another ingest is committing to {uri} (it holds {lock}); retry when it is "
            "done, or delete the lock if no ingest is running"
        )
    try:
        current = read_manifest(uri, fs)
        if current.version != base_version:
            raise IngestError(
                f"another ingest committed to {uri} while this one ran; nothing was "
                "committed: run it again (it will skip what is already stored)"
            )
        marker = f"/{STAGING}/{entry.id}/"
        for table, files in staged.items():
            moved = []
            for number, src in enumerate(sorted(files)):
                # <staging>/<table>/<partition folders>/<name>: keep the partition folders
                partition = src.split(marker, 1)[1].split("/")[1:-1]
                rel = "/".join([table, *partition, f"part-{entry.id}-{number:05d}.parquet"])
                fs.rename(src, _join(root, rel))
                moved.append(rel)
            entry.files[table] = moved
        manifest = Manifest(current.version + 1, [*current.ingests, entry])
        temporary = _join(root, f".{MANIFEST}.{uuid.uuid4().hex}")
        fs.write_text(temporary, manifest.to_json())
        fs.rename(temporary, _join(root, MANIFEST))  # the commit point
        return manifest
    finally:
        fs.delete(staging_dir(uri, entry.id))
        fs.delete(lock)


def vacuum(uri: str | Path, fs: FileSystem | None = None) -> list[str]:
    """Delete the data files no committed manifest names (left by failed jobs) and the
    staging folders; run it when no ingest is running. Returns what was deleted."""
    fs = fs or LocalFileSystem()
    root = _root(uri)
    manifest = read_manifest(uri, fs)
    kept = {_join(root, rel) for table in TABLES for rel in manifest.files(table)}
    gone = [
        f
        for table in (*TABLES, STAGING)
        for f in fs.list_files(_join(root, table))
        if f not in kept
    ]
    for path in gone:
        fs.delete(path)
    return gone


def now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


# --- reading with DuckDB ---------------------------------------------------------------


@cache
def schema_columns() -> dict[str, dict[str, str]]:
    """Each store table's columns and DuckDB types (from ``SCHEMA_SQL``)."""
    with duckdb.connect(":memory:") as con:
        con.execute(SCHEMA_SQL)
        rows = con.execute(
            "SELECT table_name, column_name, data_type FROM duckdb_columns() "
            "WHERE schema_name = 'main' ORDER BY table_name, column_index"
        ).fetchall()
    columns: dict[str, dict[str, str]] = {}
    for table, column, kind in rows:
        columns.setdefault(str(table), {})[str(column)] = str(kind)
    return columns


def file_columns(table: str) -> dict[str, str]:
    """The columns stored in a data file of ``table`` (partition columns are in the path)."""
    columns = schema_columns()[table]
    return {c: t for c, t in columns.items() if c not in PARTITIONS[table]}


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _table_sql(table: str, files: list[str]) -> str:
    """A SELECT of ``table`` in the store's column order over ``files`` (typed, empty
    when there are none)."""
    columns = schema_columns()[table]
    if not files:
        casts = ", ".join(f'CAST(NULL AS {t}) AS "{c}"' for c, t in columns.items())
        return f"SELECT {casts} WHERE false"
    listed = ", ".join(_literal(f) for f in files)
    hive = ", ".join(f"'{c}': {columns.get(c, 'INTEGER')}" for c in PARTITIONS[table])
    selected = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in columns.items())
    return (
        f"SELECT {selected} FROM read_parquet([{listed}], hive_partitioning = true, "
        f"hive_types = {{{hive}}}, union_by_name = true)"
    )


def _ingests_sql(manifest: Manifest) -> str:
    columns = schema_columns()["ingests"]
    fields = ("id", "source", "source_file", "file_sha256", "started_at", "finished_at")
    counts = ("read", "stored", "duplicates", "quarantined")
    rows = [[getattr(e, f) for f in (*fields, *counts)] for e in manifest.ingests]
    if not rows:
        return _table_sql("ingests", [])
    values = ", ".join(
        "(" + ", ".join("NULL" if v is None else _literal(str(v)) for v in row) + ")"
        for row in rows
    )
    casts = ", ".join(f'CAST("{c}" AS {t}) AS "{c}"' for c, t in columns.items())
    names = ", ".join(f'"{c}"' for c in columns)
    return f"SELECT {casts} FROM (VALUES {values}) AS v({names})"


def attach_views(con: duckdb.DuckDBPyConnection, uri: str | Path, manifest: Manifest) -> None:
    """Create the store's tables as views over the dataset's committed files in ``con``."""
    for table in TABLES:
        sql = _table_sql(table, dataset_files(uri, table, manifest))
        con.execute(f"CREATE OR REPLACE VIEW {table} AS {sql}")
    con.execute(f"CREATE OR REPLACE VIEW ingests AS {_ingests_sql(manifest)}")
    con.execute(f"CREATE OR REPLACE VIEW pay_facts AS {PAY_FACTS_SELECT}")


class DatasetStore(Store):
    """A read-only :class:`Store` whose tables are views over a dataset's files as of
    one manifest version: analytics and ``market sql`` run on it unchanged."""

    def __init__(self, con: duckdb.DuckDBPyConnection, uri: str, manifest: Manifest) -> None:
        super().__init__(con, None, read_only=True)
        self.uri = uri
        self.manifest = manifest

    def files(self, table: str) -> list[str]:
        return dataset_files(self.uri, table, self.manifest)


def open_dataset(uri: str | Path) -> DatasetStore:
    """The dataset at ``uri`` (a local folder or ``file://``) as a read-only store."""
    local = local_path(uri)
    if local is None:
        raise StoreError(
            f"DuckDB reads local datasets (a folder or file://), not {uri}: add --engine "
            "spark to read it with Spark through Hadoop's FileSystem"
        )
    if not (local / MANIFEST).is_file():
        raise StoreError(
            f"no dataset at {uri} (no {MANIFEST}); create it with "
            "`paypath market ingest FILE --source KIND --out DATASET`"
        )
    manifest = read_manifest(local)
    con = quiet(duckdb.connect(":memory:"))
    attach_views(con, local, manifest)
    return DatasetStore(con, str(local), manifest)


# --- writing with DuckDB (the local engine) ---------------------------------------------


def _scan(folder: Path, table: str) -> str | None:
    """read_parquet over a staged table's batch files (``<table>-*.parquet``), or None."""
    if not any(folder.glob(f"{table}-*.parquet")):
        return None
    return f"read_parquet({_literal(str(folder / f'{table}-*.parquet'))})"


# Memory stays bounded: one open row group per partition being written (postings carry
# their description: ~4 KB a row), and DuckDB spills the dedup join past the limit.
ROW_GROUP_ROWS = 20_000
# Data files are zstd-compressed (both writers): the descriptions take about half the disk
# of the writers' default (snappy), and every Parquet reader (DuckDB, Spark) reads either.
COMPRESSION = "zstd"
_WRITER_CONFIG: dict[str, str | bool | int | float | list[str]] = {
    "threads": 2,
    "memory_limit": "768MB",
    "preserve_insertion_order": False,
}


def _copy(con: duckdb.DuckDBPyConnection, select: str, out: Path, table: str) -> None:
    partitions = ", ".join(PARTITIONS[table])
    con.execute(
        f"COPY ({select}) TO {_literal(str(out / table))} "
        f"(FORMAT parquet, PARTITION_BY ({partitions}), OVERWRITE_OR_IGNORE, "
        f"ROW_GROUP_SIZE {ROW_GROUP_ROWS}, COMPRESSION {COMPRESSION})"
    )


def write_staged(
    uri: str | Path, staged: Path, entry: IngestEntry, records: int, base: Manifest
) -> Manifest:
    """Commit an ingest staged by :mod:`paypath.market.ingest` (batch files with ``_row``
    in ``staged``): keep the first row of each content hash the dataset (as of ``base``)
    does not hold, skip quarantined rows it holds, write the partitions, commit.

    Sets ``entry.stored`` and ``entry.duplicates``; returns the new manifest.
    """
    root = _root(uri)
    out = Path(staging_dir(root, entry.id))
    out.mkdir(parents=True, exist_ok=True)
    con = quiet(duckdb.connect(config=_WRITER_CONFIG))
    con.execute(f"SET temp_directory = {_literal(str(out / '.spill'))}")
    try:
        _write_postings(con, root, staged, out, base, entry)
        entry.duplicates = records - entry.stored
        _write_quarantine(con, root, staged, out, base)
    finally:
        con.close()
    files = {t: LocalFileSystem().list_files(str(out / t)) for t in TABLES}
    return commit(root, entry, {t: f for t, f in files.items() if f}, base_version=base.version)


def _write_postings(
    con: duckdb.DuckDBPyConnection,
    root: str,
    staged: Path,
    out: Path,
    base: Manifest,
    entry: IngestEntry,
) -> None:
    postings = _scan(staged, "postings")
    if postings is None:
        return
    held = _table_sql("postings", dataset_files(root, "postings", base))
    con.execute(
        f"CREATE TEMP TABLE new AS SELECT id, min(_row) AS _row FROM {postings} AS p "
        f"WHERE NOT EXISTS (SELECT 1 FROM ({held}) AS h WHERE h.id = p.id) GROUP BY id"
    )
    row = con.execute("SELECT count(*) FROM new").fetchone()
    entry.stored = int(row[0]) if row else 0
    year = "CAST(coalesce(year(p.posted_at), 0) AS INTEGER) AS year"
    columns = ", ".join(f'p."{c}"' for c in file_columns("postings"))
    kept = f"{postings} AS p JOIN new AS n ON p.id = n.id AND p._row = n._row"
    _copy(con, f"SELECT {columns}, p.source, {year} FROM {kept}", out, "postings")
    skills = _scan(staged, "posting_skills")
    if skills is not None:
        _copy(
            con,
            "SELECT s.posting_id, s.skill_id, s.mentions, s.asked, p.source, "
            f"{year} FROM {skills} AS s JOIN {postings} AS p ON s.posting_id = p.id "
            "AND s._row = p._row JOIN new AS n ON p.id = n.id AND p._row = n._row",
            out,
            "posting_skills",
        )


def _write_quarantine(
    con: duckdb.DuckDBPyConnection, root: str, staged: Path, out: Path, base: Manifest
) -> None:
    quarantine = _scan(staged, "quarantine")
    if quarantine is None:
        return
    held = _table_sql("quarantine", dataset_files(root, "quarantine", base))
    columns = ", ".join(f'q."{c}"' for c in file_columns("quarantine"))
    _copy(
        con,
        f"SELECT {columns}, q.source FROM {quarantine} AS q WHERE NOT EXISTS (SELECT 1 "
        f"FROM ({held}) AS e WHERE e.source = q.source AND e.reason = q.reason "
        "AND e.raw = q.raw)",
        out,
        "quarantine",
    )
