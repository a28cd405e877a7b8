"""Ingest as a Spark job: input files -> the Parquet dataset (:mod:`paypath.market.dataset`).

The job runs the library's own functions on the executors, so it stores what the local
ingest stores:

1. each input file is cut into tasks: a plain CSV file into byte ranges of whole records
   of about ``PIECE_BYTES`` (:mod:`paypath.market.chunks`, the cut the local engine's
   workers use; each task reads only its range), any other file (compressed, JSON,
   parquet) is one task read by its source's reader. Each task checks and renames rows
   as the local ingest does (``--map``) and converts them with
   :func:`paypath.market.ingest.convert_batch` (salary parsing, title classification,
   skills) in batches of ``BATCH_SIZE`` (``RDD.mapPartitions``: plain Python rows, so no
   Arrow dependency); the library's caches (skill catalog, title index) are built once
   per Python worker, which Spark reuses from task to task;
2. the converted rows are written once under the ingest's staging prefix;
3. dedup: the first row of each content hash (input order: file, then row) that the
   dataset does not hold, found by a shuffle of ``(id, _seq)`` only; quarantined rows
   the dataset holds are skipped;
4. the partitions are written under the staging prefix and committed with the manifest
   (:func:`paypath.market.dataset.commit`): a failed job commits nothing.

Inputs must be readable at the same path by every executor (local disk under
``local[*]``, a shared mount on a cluster); the dataset may be local, ``file://`` or
any Hadoop-compatible URI (``hdfs://``, ``s3a://``).
"""

from __future__ import annotations

import glob
import os
import re
import sys
import tempfile
import uuid
import warnings
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from functools import cache
from itertools import islice
from pathlib import Path
from typing import Any

from paypath.errors import EngineUnavailable, IngestError, PaypathError
from paypath.market import dataset
from paypath.market.chunks import Chunk, ChunkMisaligned, csv_chunks, read_chunk
from paypath.market.ingest import (
    BATCH_SIZE,
    IngestResult,
    _cuttable,
    _prepared,
    _renamed,
    convert_batch,
    fitting_rows,
)
from paypath.market.sources import SOURCES, Source

__all__ = ["HadoopFileSystem", "input_files", "quiet_session", "spark_ingest"]

PIECE_BYTES = 32 * 2**20  # a CSV file is converted by one task per this many bytes
ROW_BITS = 32  # a converted row's _seq: its piece's number << ROW_BITS | its row in the piece
ROW_MASK = (1 << ROW_BITS) - 1


def log_file() -> Path:
    """Where a quiet session's JVM writes its log (warnings, banners, executor output)."""
    return Path(tempfile.gettempdir()) / f"paypath-spark-{os.getpid()}.log"


@contextmanager
def _stderr_to(path: Path) -> Iterator[None]:
    """Point file descriptor 2 at ``path`` while a JVM starts: it and the Python workers
    it forks keep writing there, not on the terminal."""
    sys.stderr.flush()
    saved = os.dup(2)
    with path.open("ab") as log:
        os.dup2(log.fileno(), 2)
    try:
        yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)


def quiet_session(master: str | None = None, *, verbose: bool = False) -> Any:
    """A Spark session for paypath. Unless ``verbose``, nothing of Spark's reaches the
    terminal (no JVM warnings, log4j banner or progress bars): the JVM's output goes to
    :func:`log_file`, and errors come back as exceptions. An active session is reused."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise EngineUnavailable(
            f"the Spark engine needs pyspark and Java 17+: pip install 'paypath[spark]' ({exc})"
        ) from exc
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)  # workers: this interpreter
    if not verbose:
        warnings.filterwarnings("ignore", "PySpark does not yet fully support", FutureWarning)
    builder = SparkSession.builder
    if master or not _submitted():
        builder = builder.master(master or "local[*]")
    builder = (
        builder.appName("paypath")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "8")
    )
    try:
        with nullcontext() if verbose else _stderr_to(log_file()):
            session = builder.getOrCreate()
    except Exception as exc:  # no Java, a bad master URL, …
        raise EngineUnavailable(
            f"could not start Spark (master {master or 'local[*]'!r}): {exc}; check Java 17+ "
            f"is installed and the master URL (log: {log_file()})"
        ) from exc
    session.sparkContext.setLogLevel("INFO" if verbose else "ERROR")
    return session


def _submitted() -> bool:
    """Whether spark-submit started this process (it then names the master)."""
    return "PYSPARK_GATEWAY_PORT" in os.environ


class HadoopFileSystem:
    """:class:`paypath.market.dataset.FileSystem` through Spark's Hadoop file system
    (``hdfs://``, ``s3a://``, …): the JVM does the I/O on the driver."""

    def __init__(self, session: Any) -> None:
        self._jvm = session.sparkContext._jvm
        self._conf = session.sparkContext._jsc.hadoopConfiguration()

    def _fs(self, path: str) -> tuple[Any, Any]:
        jpath = self._jvm.org.apache.hadoop.fs.Path(path)
        return jpath.getFileSystem(self._conf), jpath

    def exists(self, path: str) -> bool:
        fs, jpath = self._fs(path)
        return bool(fs.exists(jpath))

    def read_text(self, path: str) -> str:
        fs, jpath = self._fs(path)
        stream = fs.open(jpath)
        try:
            data = self._jvm.org.apache.commons.io.IOUtils.toByteArray(stream)
        finally:
            stream.close()
        return bytes(data).decode("utf-8")

    def write_text(self, path: str, text: str) -> None:
        fs, jpath = self._fs(path)
        stream = fs.create(jpath, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def create_exclusive(self, path: str, text: str) -> bool:
        fs, jpath = self._fs(path)
        if not fs.createNewFile(jpath):
            return False
        self.write_text(path, text)
        return True

    def rename(self, src: str, dst: str) -> None:
        fs, source = self._fs(src)
        _, target = self._fs(dst)
        fs.mkdirs(target.getParent())
        if fs.exists(target) and dst.endswith(dataset.MANIFEST):
            fs.delete(target, False)  # Hadoop's rename does not replace; S3A's is a copy
        if not fs.rename(source, target):
            raise OSError(f"could not rename {src} to {dst}")

    def delete(self, path: str) -> None:
        fs, jpath = self._fs(path)
        fs.delete(jpath, True)

    def list_files(self, folder: str) -> list[str]:
        fs, jpath = self._fs(folder)
        if not fs.exists(jpath):
            return []
        found, listing = [], fs.listFiles(jpath, True)
        while listing.hasNext():
            found.append(str(listing.next().getPath().toString()))
        return sorted(found)


def input_files(inputs: Iterable[str | Path]) -> list[Path]:
    """Input files: each argument a file, a folder (its files) or a glob; in order.

    A folder's hidden and underscore files (``.writing-03.gz``, ``_SUCCESS``) are not
    inputs, as in Hadoop: a writer's unfinished files and markers."""
    found: list[Path] = []
    for item in inputs:
        text = str(item)
        if text.startswith("file://"):
            text = text[len("file://") :]
        path = Path(text)
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.iterdir() if p.is_file() and not p.name.startswith((".", "_"))
                )
            )
        elif any(ch in text for ch in "*?["):
            found.extend(Path(p) for p in sorted(glob.glob(text)) if Path(p).is_file())
        elif path.is_file():
            found.append(path)
        else:
            raise IngestError(f"no such file, folder or glob match: {item}")
    if not found:
        raise IngestError(f"no input files in {', '.join(map(str, inputs))}")
    return [p.absolute() for p in dict.fromkeys(found)]


def _spark_path(path: str) -> str:
    """A path Spark reads as local when it is one (on a cluster the default FS may be HDFS)."""
    return path if "://" in path else "file://" + str(Path(path).resolve())


def _type(duck: str) -> Any:
    from pyspark.sql import types as T

    kinds = {
        "VARCHAR": T.StringType(),
        "DOUBLE": T.DoubleType(),
        "BOOLEAN": T.BooleanType(),
        "DATE": T.DateType(),
        "INTEGER": T.IntegerType(),
        "BIGINT": T.LongType(),
        "TIMESTAMP": T.TimestampType(),
    }
    return kinds[duck]


def _converted_schema() -> Any:
    from pyspark.sql import types as T

    postings = dataset.schema_columns()["postings"]
    skill = T.StructType(
        [
            T.StructField("skill_id", T.StringType()),
            T.StructField("mentions", T.IntegerType()),
            T.StructField("asked", T.IntegerType()),
        ]
    )
    return T.StructType(
        [
            T.StructField("_seq", T.LongType()),
            *(T.StructField(c, _type(t)) for c, t in postings.items()),
            T.StructField("skills", T.ArrayType(skill)),
            T.StructField("reason", T.StringType()),
            T.StructField("raw", T.StringType()),
        ]
    )


@dataclass(frozen=True)
class Piece:
    """What one task converts: a byte range of a CSV file (its ``chunk``, see
    :mod:`paypath.market.chunks`), or a whole file read by its source's reader (a
    compressed, JSON or parquet file, or a CSV file that cannot be cut)."""

    number: int  # input order over every file: a row's ``_seq`` is number << ROW_BITS | row
    file: int  # the file's index in the input
    path: str
    chunk: Chunk | None = None
    first: bool = True  # the file's first piece: its first row is checked against the source


def _file_chunks(path: str, size: int) -> list[Chunk] | None:
    """On an executor: the chunks of whole records of a CSV file, or None when the file
    cannot be cut (its header ends lines with a bare CR)."""
    try:
        return list(csv_chunks(Path(path), size))
    except ChunkMisaligned:
        return None


def _pieces(
    session: Any, files: list[Path], kind: Source, whole: set[int], size: int
) -> list[Piece]:
    """The tasks of an ingest, in input order: a plain CSV file in chunks (cut by a Spark
    job, so the driver reads no input), other files (and those in ``whole``) in one piece
    each."""
    cuttable = [i for i, f in enumerate(files) if i not in whole and _cuttable(kind, f, workers=2)]
    chunks: dict[int, list[Chunk] | None] = {}
    if cuttable:
        paths = [str(files[i]) for i in cuttable]
        slices = min(len(paths), 4 * session.sparkContext.defaultParallelism)
        found = (
            session.sparkContext.parallelize(paths, slices)
            .map(lambda path: _file_chunks(path, size))
            .collect()
        )
        chunks = dict(zip(cuttable, found, strict=True))
    pieces: list[Piece] = []
    for index, file in enumerate(files):
        cut = chunks.get(index)
        if not cut:  # not cuttable, or no record after the header: read whole (and refused)
            pieces.append(Piece(len(pieces), index, str(file)))
            continue
        for number, chunk in enumerate(cut):
            pieces.append(Piece(len(pieces), index, str(file), chunk, first=number == 0))
    return pieces


def _piece_rows(
    piece: Piece, kind: Source, source: str, mapping: Mapping[str, str] | None
) -> Iterator[dict[str, Any]]:
    """On an executor: the raw rows of one piece, checked and renamed as the local
    ingest reads them. A chunk that did not end at a record's end raises
    :class:`ChunkMisaligned` naming its file (the driver then reads that file whole)."""
    if piece.chunk is None:
        _, rows, _ = _prepared(piece.path, source, mapping, None)
        yield from rows
        return
    read: Iterator[dict[str, Any]] = read_chunk(piece.chunk)
    if mapping:
        read = _renamed(read, mapping)
    if piece.first:
        read = fitting_rows(read, kind.kind, Path(piece.path))
    try:
        yield from read
    except ChunkMisaligned as exc:
        raise ChunkMisaligned(f"{_MISALIGNED}{piece.file} ({exc})") from exc


_MISALIGNED = "paypath-misaligned-file-"


def _convert_pieces(
    pieces: Iterable[Piece],
    source: str,
    mapping: Mapping[str, str] | None,
    ingest_id: str,
    batch_size: int,
) -> Iterator[tuple[Any, ...]]:
    """On an executor: the converted rows of each piece, numbered by ``_seq``."""
    kind = SOURCES[source]
    for piece in pieces:
        numbered = (
            ((piece.number << ROW_BITS) | row, raw)
            for row, raw in enumerate(_piece_rows(piece, kind, source, mapping), start=1)
        )
        while batch := list(islice(numbered, batch_size)):
            yield from _rows(kind, batch, piece.path, ingest_id)


@cache
def _doubles() -> tuple[bool, ...]:
    """Which posting columns are DOUBLE (a source may hand an int for one)."""
    return tuple(t == "DOUBLE" for t in dataset.schema_columns()["postings"].values())


def _rows(
    kind: Source,
    batch: list[tuple[int, dict[str, Any]]],
    file: str,
    ingest_id: str,
) -> Iterator[tuple[Any, ...]]:
    """Converted rows (``_seq`` first): a posting with its skills, or a rejected row with
    reason and raw."""
    if not batch:
        return
    converted = convert_batch(kind, batch)
    doubles = _doubles()
    for number, record in converted.records:
        record.source_file = file
        record.ingest_id = ingest_id
        asked = record.skills if record.asked is None else record.asked
        skills = [(s, n, asked.get(s, 0)) for s, n in record.skills.items()]
        values = [
            float(v) if double and v is not None else v
            for v, double in zip(record.row(), doubles, strict=True)
        ]
        yield (number, *values, skills, None, None)
    blank: list[Any] = [None] * len(doubles)
    blank[1], blank[2] = kind.kind, file  # source, source_file
    for number, reason, raw in converted.rejected:
        yield (number, *blank, [], reason, raw)


def spark_ingest(
    session: Any,
    inputs: Iterable[str | Path],
    source: str,
    out: str,
    *,
    mapping: Mapping[str, str] | None = None,
    batch_size: int = BATCH_SIZE,
    piece_bytes: int = PIECE_BYTES,
) -> IngestResult:
    """Ingest ``inputs`` (files, folders or globs) as ``source`` into the dataset ``out``
    with the Spark ``session``; one ingest, committed atomically (see the module
    docstring). ``piece_bytes``: the size of a CSV file's byte range that one task reads
    and converts. Raises :class:`IngestError` (nothing committed) when the job fails."""
    if source not in SOURCES:
        raise IngestError(f"unknown source {source!r}; see `paypath market sources`")
    files = input_files(inputs)
    fs: dataset.FileSystem = (
        dataset.LocalFileSystem() if dataset.local_path(out) else HadoopFileSystem(session)
    )
    root = str(dataset.local_path(out) or out).rstrip("/")
    base = dataset.read_manifest(root, fs)
    result = IngestResult(uuid.uuid4().hex, source, ", ".join(map(str, files)))
    started = dataset.now()
    staging = dataset.staging_dir(root, result.ingest_id)
    try:
        job = _Inputs(files, source, mapping, batch_size, piece_bytes)
        entry = _run(session, job, root, base, result, staging)
        entry.started_at = started
        staged = {
            t: [f for f in fs.list_files(f"{staging}/{t}") if _is_data(f)] for t in dataset.TABLES
        }
        dataset.commit(
            root, entry, {t: f for t, f in staged.items() if f}, base_version=base.version, fs=fs
        )
    except PaypathError:
        fs.delete(staging)
        raise
    except Exception as exc:
        fs.delete(staging)
        raise IngestError(
            f"the Spark ingest into {out} failed; nothing was committed, the dataset is "
            f"unchanged: {_reason(exc)}"
        ) from exc
    return result


def _is_data(path: str) -> bool:
    name = path.rsplit("/", 1)[-1]
    return name.endswith(".parquet") and not name.startswith((".", "_"))


def _reason(exc: Exception) -> str:
    """The library's message when an executor raised one, else the exception's first line."""
    text = str(exc)
    mine = re.search(r"paypath\.errors\.\w+: (.+)", text)
    if mine:
        return mine.group(1)
    raised = re.search(r"^(?:\w+\.)*\w+(?:Error|Exception): .+$", text, re.MULTILINE)
    return raised.group(0) if raised else (text.strip().splitlines() or [type(exc).__name__])[0]


@dataclass(frozen=True)
class _Inputs:
    """What an ingest converts: the files, as ``source``, and how to cut and batch them."""

    files: list[Path]
    source: str
    mapping: Mapping[str, str] | None
    batch_size: int
    piece_bytes: int


def _run(
    session: Any,
    job: _Inputs,
    root: str,
    base: dataset.Manifest,
    result: IngestResult,
    staging: str,
) -> dataset.IngestEntry:
    from pyspark.sql import functions as F

    converted_at = _spark_path(f"{staging}/converted")
    pieces = _convert(session, job, result.ingest_id, converted_at)
    converted = session.read.parquet(converted_at)
    # one scan of two columns: the rows each piece read (for row numbers) and the reasons
    counts = (
        converted.groupBy(F.shiftright("_seq", ROW_BITS).alias("piece"), "reason")
        .agg(F.count(F.lit(1)).alias("n"))
        .collect()
    )
    reasons: dict[str, int] = {}
    read_by_piece = dict.fromkeys(range(len(pieces)), 0)
    for row in counts:
        read_by_piece[int(row["piece"])] += int(row["n"])
        if row["reason"] is not None:
            reasons[row["reason"]] = reasons.get(row["reason"], 0) + int(row["n"])
    result.read = sum(read_by_piece.values())
    result.quarantined = sum(reasons.values())
    result.reasons = dict(sorted(reasons.items()))
    records = result.read - result.quarantined
    stored = _write_postings(session, converted, records, root, base, staging)
    if result.quarantined:
        bases = _row_bases(pieces, read_by_piece)
        _write_quarantine(session, converted, bases, root, base, staging, result)
    result.stored, result.duplicates = stored, records - stored
    return dataset.IngestEntry(
        result.ingest_id, job.source, result.file, None, "", dataset.now(), result.read,
        result.stored, result.duplicates, result.quarantined, result.reasons, engine="spark",
    )  # fmt: skip


def _convert(session: Any, job: _Inputs, ingest_id: str, converted_at: str) -> list[Piece]:
    """Convert every piece on the executors and write the rows under ``converted_at``;
    returns the pieces. A file whose cut fell inside a record is read again whole."""
    whole: set[int] = set()
    source, mapping, batch_size = job.source, job.mapping, job.batch_size
    while True:
        pieces = _pieces(session, job.files, SOURCES[source], whole, job.piece_bytes)
        rdd = session.sparkContext.parallelize(pieces, len(pieces)).mapPartitions(
            lambda part: _convert_pieces(part, source, mapping, ingest_id, batch_size)
        )
        # rows are typed by _rows (floats for DOUBLE): no per-row check in Python
        frame = session.createDataFrame(rdd, _converted_schema(), verifySchema=False)
        try:
            # zstd: the intermediate rows take about half the disk of snappy's (descriptions)
            frame.write.mode("overwrite").option("compression", "zstd").parquet(converted_at)
            return pieces
        except Exception as exc:
            found = {int(i) for i in re.findall(_MISALIGNED + r"(\d+)", str(exc))} - whole
            if not found:
                raise
            whole |= found


def _row_bases(pieces: list[Piece], read_by_piece: dict[int, int]) -> list[tuple[int, int]]:
    """(piece, rows of its file before it): a row's number in its file is its base plus
    its number in the piece."""
    bases, before, file = [], 0, -1
    for piece in pieces:
        if piece.file != file:
            before, file = 0, piece.file
        bases.append((piece.number, before))
        before += read_by_piece[piece.number]
    return bases


def read_table(session: Any, root: str, table: str, files: list[str]) -> Any:
    """``table`` of a dataset as a Spark DataFrame in the store's columns (partition
    columns read from the paths)."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    columns = dataset.schema_columns()[table]
    if not files:
        schema = T.StructType([T.StructField(c, _type(t)) for c, t in columns.items()])
        return session.createDataFrame([], schema)
    frame = (
        session.read.option("basePath", _spark_path(f"{root}/{table}"))
        .option("mergeSchema", "false")
        .parquet(*(_spark_path(f) for f in files))
    )
    return frame.select(*(F.col(c).cast(_type(t)).alias(c) for c, t in columns.items()))


# Past this many dropped rows (duplicates, postings the dataset holds) the postings are
# filtered by a shuffled join instead of a broadcast one.
BROADCAST_ROWS = 2_000_000


def _write_postings(
    session: Any, converted: Any, records: int, root: str, base: dataset.Manifest, staging: str
) -> int:
    """Write the new postings and their skills; returns how many postings.

    The dedup shuffles only ``(id, _seq)``: the rows to drop (not the first of their id
    in input order, or an id the dataset holds) are found on those keys, and the full
    rows are filtered against them (usually a few percent: a broadcast join, no shuffle
    of the descriptions)."""
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    if not records:
        return 0
    keys = converted.where("reason IS NULL").select("id", "_seq")
    first = keys.withColumn("_first", F.min("_seq").over(Window.partitionBy("id")))
    dropped = first.where("_seq <> _first").select("_seq")
    held_files = dataset.dataset_files(root, "postings", base)
    if held_files:
        held = read_table(session, root, "postings", held_files).select("id")
        kept_first = first.where("_seq = _first").select("id", "_seq")
        dropped = dropped.unionByName(kept_first.join(held, "id", "left_semi").select("_seq"))
    dropped = dropped.persist()
    drops = int(dropped.count())
    stored = records - drops
    if stored:
        postings = converted.where("reason IS NULL")
        if drops:
            drop = F.broadcast(dropped) if drops <= BROADCAST_ROWS else dropped
            postings = postings.join(drop, "_seq", "left_anti")
        _write_new(postings, staging)
    dropped.unpersist()
    return stored


def _write_new(postings: Any, staging: str) -> None:
    from pyspark.sql import functions as F

    year = F.coalesce(F.year("posted_at"), F.lit(0)).cast("int").alias("year")
    columns = list(dataset.file_columns("postings"))
    postings.select(*columns, "source", year).write.partitionBy("source", "year").option(
        "compression", dataset.COMPRESSION
    ).parquet(_spark_path(f"{staging}/postings"))
    skills = postings.select("id", "source", year, F.explode("skills").alias("s")).select(
        F.col("id").alias("posting_id"),
        F.col("s.skill_id").alias("skill_id"),
        F.col("s.mentions").alias("mentions"),
        F.col("s.asked").alias("asked"),
        "source",
        "year",
    )
    skills.write.partitionBy("source", "year").option("compression", dataset.COMPRESSION).parquet(
        _spark_path(f"{staging}/posting_skills")
    )


def _write_quarantine(
    session: Any,
    converted: Any,
    bases: list[tuple[int, int]],
    root: str,
    base: dataset.Manifest,
    staging: str,
    result: IngestResult,
) -> None:
    """Write the quarantined rows the dataset does not hold yet, numbered in their file."""
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    schema = T.StructType(
        [T.StructField("_piece", T.LongType()), T.StructField("_base", T.LongType())]
    )
    offsets = F.broadcast(session.createDataFrame(bases, schema))
    rejected = converted.where("reason IS NOT NULL").withColumn(
        "_piece", F.shiftright("_seq", ROW_BITS)
    )
    rows = rejected.join(offsets, "_piece").select(
        F.lit(result.ingest_id).alias("ingest_id"),
        F.lit(result.source).alias("source"),
        "source_file",
        (F.col("_base") + F.col("_seq").bitwiseAND(F.lit(ROW_MASK))).alias("row_number"),
        "reason",
        "raw",
    )
    held = read_table(session, root, "quarantine", dataset.dataset_files(root, "quarantine", base))
    key = ["source", "reason", "raw"]
    fresh = rows.join(held.select(*key), key, "left_anti")
    columns = list(dataset.file_columns("quarantine"))
    fresh.select(*columns, "source").write.partitionBy("source").option(
        "compression", dataset.COMPRESSION
    ).parquet(_spark_path(f"{staging}/quarantine"))
