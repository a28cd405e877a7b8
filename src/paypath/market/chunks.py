"""Chunks of a CSV file that hold whole records, so ingest workers read their own share.

The ingesting process does not parse the file: it cuts it into byte ranges of about
``CHUNK_BYTES``, each ending just after a newline that has an even number of double
quotes before it (in a well-formed CSV file such a newline ends a record; an odd count
means the newline is inside a quoted field). That costs one pass of ``bytes.count`` over
the file. Each worker then decodes and parses its range with the file's header, as
:func:`paypath.market.sources.read_csv` would.

A stray quote inside an unquoted field (``5" screen``) can make a cut fall inside a
record. The worker finds that out: it parses its chunk followed by a marker line, and
the marker comes back as a row of its own only when the chunk ended at a record's end
(in a quoted field, the CSV reader swallows it). The first chunk starts where the header
ends, so when every chunk ends at a record's end, every cut is one, and the chunks hold
exactly the rows of the file. Otherwise :class:`ChunkMisaligned` is raised and the
caller reads the file in order instead.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import BinaryIO

from paypath.market.sources import RawRow, csv_rows

__all__ = ["CHUNK_BYTES", "Chunk", "ChunkMisaligned", "csv_chunks", "read_chunk"]

CHUNK_BYTES = 8 * 2**20
_BLOCK = 2**20  # bytes read at a time while cutting
_BOM = b"\xef\xbb\xbf"


class ChunkMisaligned(Exception):  # a signal inside the ingest: read the file in order
    """A chunk did not end at a record's end (a stray quote in the file)."""


@dataclass(frozen=True)
class Chunk:
    """Bytes ``start``..``end`` of ``path``, read with the header at ``header``."""

    path: Path
    header: tuple[int, int]  # the header record's byte range
    start: int
    end: int
    marker: str  # a line no file holds: see the module docstring


def csv_chunks(path: Path, size: int | None = None) -> Iterator[Chunk]:
    """The file's records after the header, in chunks of about ``size`` bytes (default
    ``CHUNK_BYTES``), in order."""
    size = CHUNK_BYTES if size is None else size
    total = path.stat().st_size
    marker = f"paypath-chunk-end-{uuid.uuid4().hex}"
    with path.open("rb") as fh:
        begin = _header_start(fh)
        header_end = next(_cuts(fh, begin, 0), total)
        fh.seek(begin)
        if b"\r" in fh.read(header_end - begin).replace(b"\r\n", b""):
            raise ChunkMisaligned(f"{path.name} ends its lines with a bare CR")
        start = header_end
        for cut in chain(_cuts(fh, header_end, size), [total]):
            if cut > start:
                yield Chunk(path, (begin, header_end), start, cut, marker)
                start = cut


def _header_start(fh: BinaryIO) -> int:
    """Where the header starts: after a byte order mark and blank lines (as read_csv)."""
    fh.seek(0)
    offset = len(_BOM) if fh.read(len(_BOM)) == _BOM else 0
    fh.seek(offset)
    for line in fh:
        if line.decode("utf-8", "replace").strip():
            break
        offset += len(line)
    return offset


def _cuts(fh: BinaryIO, start: int, size: int) -> Iterator[int]:
    """Offsets just after a newline with an even count of quotes since ``start``, the
    first at least ``size`` bytes after ``start`` and each next one ``size`` on."""
    fh.seek(start)
    block_start, odd, target = start, False, start + size
    while block := fh.read(_BLOCK):
        counted = 0  # `odd` holds for the quotes before block_start + counted
        while (at := block.find(b"\n", max(target - block_start, counted))) >= 0:
            odd ^= bool(block.count(b'"', counted, at) & 1)
            counted = at + 1
            if not odd:
                yield block_start + counted
                target = block_start + counted + size
        odd ^= bool(block.count(b'"', counted) & 1)
        block_start += len(block)


def read_chunk(chunk: Chunk) -> Iterator[RawRow]:
    """The chunk's rows, as :func:`~paypath.market.sources.read_csv` reads them.

    Raises :class:`ChunkMisaligned` (after the rows) when the chunk did not end at a
    record's end.
    """
    with chunk.path.open("rb") as fh:
        fh.seek(chunk.header[0])
        head = fh.read(chunk.header[1] - chunk.header[0]).decode("utf-8")
        fh.seek(chunk.start)
        body = fh.read(chunk.end - chunk.start)
    # the marker in every column: the row it makes when it stands alone
    header = list(csv.reader(chain(io.StringIO(head, newline=""), [f"{chunk.marker}\n"])))
    if len(header) != 2 or header[1] != [chunk.marker]:
        raise ChunkMisaligned(f"the header of {chunk.path.name}")
    end = ",".join([chunk.marker] * len(header[0])) + "\n"
    held: RawRow | None = None
    # decoded as it is read: a whole chunk as one string (and StringIO's copy of it, four
    # bytes a character) would hold up to 64 MB more in each worker, and read slower
    text = io.TextIOWrapper(io.BytesIO(body), encoding="utf-8", newline="")
    for row in csv_rows(chain(io.StringIO(head, newline=""), text, [end])):
        if held is not None:
            yield held
        held = row
    if held is None or None in held or set(held.values()) != {chunk.marker}:
        raise ChunkMisaligned(f"bytes {chunk.start}-{chunk.end} of {chunk.path.name}")
