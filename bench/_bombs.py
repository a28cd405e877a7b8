"""Résumé "bombs" for the upload limits: small files that would unpack to gigabytes.

One builder of each kind, shared by ``bench/upload_bombs.py`` (peak memory) and
``tests/test_resume_bombs.py`` (refusals); pytest finds this folder through its
``pythonpath`` setting.
"""

from __future__ import annotations

import io
import itertools
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

MB = 1 << 20


def spaces(n_bytes: int) -> Iterator[bytes]:
    """``n_bytes`` of spaces (rounded down to whole MB), a megabyte at a time."""
    chunk = b" " * MB
    for _ in range(n_bytes // MB):
        yield chunk


def zip_with(members: Mapping[str, bytes | Iterable[bytes]]) -> bytes:
    """A deflated ZIP (a DOCX is one) with the given members, each streamed in."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                for part in [content] if isinstance(content, bytes) else content:
                    member.write(part)
    return buf.getvalue()


def docx_inflated(normal: Path, inflated_mb: int) -> bytes:
    """The DOCX ``normal`` with ``inflated_mb`` MB of whitespace inside its document.xml."""
    with zipfile.ZipFile(normal) as source:
        members: dict[str, bytes | Iterable[bytes]] = {
            info.filename: source.read(info) for info in source.infolist()
        }
    xml = members["word/document.xml"]
    assert isinstance(xml, bytes)
    cut = xml.rindex(b"</w:body>")
    members["word/document.xml"] = itertools.chain(
        [xml[:cut]], spaces(inflated_mb * MB), [xml[cut:]]
    )
    return zip_with(members)


def pdf_with(pages: int = 1, stream_bytes: int = 0) -> bytes:
    """A PDF of blank pages; with ``stream_bytes``, page 1's content stream inflates to that."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, NumberObject, StreamObject

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(612, 792)
    if stream_bytes:
        stream = StreamObject()
        packer = zlib.compressobj(9)
        chunk = b"0 0 m\n" * (1 << 16)
        parts = [packer.compress(chunk) for _ in range(stream_bytes // len(chunk))]
        stream._data = b"".join([*parts, packer.flush()])
        stream[NameObject("/Filter")] = NameObject("/FlateDecode")
        stream[NameObject("/Length")] = NumberObject(len(stream._data))
        writer.pages[0][NameObject("/Contents")] = writer._add_object(stream)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()
