"""Résumé files to plain text: PDF (pypdf), DOCX (python-docx), TXT and Markdown.

Everything happens in memory: the text is returned to the caller and never written
anywhere. The format is decided by the file's content (``%PDF`` header, a ZIP holding
``word/document.xml``), falling back to the file name's extension for text.
Files over :data:`MAX_BYTES` (5 MB), empty files, encrypted or image-only PDFs,
corrupt documents and binary files raise :class:`~paypath.errors.ResumeError`
with a message that says what to do instead.

Documents are checked before they are parsed, so a small "bomb" cannot take the memory:
a DOCX's members are measured from the ZIP's central directory (count, uncompressed sizes,
compression ratio) before anything is inflated, and a PDF's object and page counts are
bounded before any page is read (pypdf caps each inflated stream too). Over a limit is a
:class:`~paypath.errors.ResumeTooLarge` (HTTP 413).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from paypath.errors import ResumeError, ResumeTooLarge

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = ["MAX_BYTES", "SUPPORTED", "ResumeFormat", "detect_format", "read_resume"]

MAX_BYTES = 5 * 1024 * 1024
DOCX_MAX_MEMBERS = 1000  # a real résumé has a few dozen parts
DOCX_MAX_INFLATED = 40 * 1024 * 1024  # all members together, uncompressed
DOCX_MAX_RATIO = 100  # uncompressed / compressed, for members over DOCX_RATIO_FROM
DOCX_RATIO_FROM = 1024 * 1024  # small members (styles, settings) may compress very well
PDF_MAX_PAGES = 50
PDF_MAX_OBJECTS = 100_000
PDF_MAX_STREAM = 10 * 1024 * 1024  # one inflated content stream (pypdf's own cap is 75 MB)
SUPPORTED = (".pdf", ".docx", ".txt", ".md", ".markdown")
ResumeFormat = Literal["pdf", "docx", "txt", "md"]

_TEXT_EXTS: dict[str, ResumeFormat] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    "": "txt",
}
_WHAT_TO_DO = "save it as PDF, DOCX, TXT or Markdown, or list your skills instead"


def read_resume(source: str | Path | bytes, filename: str | None = None) -> str:
    """The plain text of a résumé given as a path or as bytes (with its file name).

    Raises :class:`ResumeError` when the file is missing, larger than 5 MB, empty,
    of an unsupported type, corrupt, encrypted, or has no extractable text.
    """
    data, name = _load(source, filename)
    fmt = detect_format(data, name)
    if fmt == "pdf":
        text = _pdf_text(data, name)
    elif fmt == "docx":
        text = _docx_text(data, name)
    else:
        text = _plain_text(data, name)
        if fmt == "md":
            text = markdown_to_text(text)
    text = _tidy(text)
    if not text.strip():
        hint = " (a scanned PDF has no text layer)" if fmt == "pdf" else ""
        raise ResumeError(f"{name}: no readable text found{hint}; {_WHAT_TO_DO}")
    return text


def _load(source: str | Path | bytes, filename: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes):
        name = filename or "résumé"
        if len(source) > MAX_BYTES:
            raise _too_big(name, len(source))
        return source, name
    path = Path(source)
    name = filename or path.name
    if not path.is_file():
        raise ResumeError(f"no such résumé file: {path}; check the path")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise _too_big(name, size)
    try:
        return path.read_bytes(), name
    except OSError as exc:
        raise ResumeError(f"cannot read {path}: {exc.strerror}; check its permissions") from exc


def _too_big(name: str, size: int) -> ResumeError:
    return ResumeTooLarge(
        f"{name} is {size / 1_048_576:.1f} MB, over the 5 MB limit; "
        "export a text-only version (no images) or list your skills instead"
    )


def detect_format(data: bytes, filename: str) -> ResumeFormat:
    """``pdf``, ``docx``, ``txt`` or ``md``, from the content first, then the extension."""
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    if data[:4] == b"PK\x03\x04":
        if _is_docx(data):
            return "docx"
        raise ResumeError(f"{filename} is a ZIP archive but not a Word .docx file; {_WHAT_TO_DO}")
    ext = Path(filename).suffix.lower()
    if ext in (".pdf", ".docx"):
        raise ResumeError(f"{filename} is not a valid {ext[1:].upper()} file; {_WHAT_TO_DO}")
    if ext == ".doc":
        raise ResumeError(f"{filename}: old Word .doc files are not supported; {_WHAT_TO_DO}")
    if ext not in _TEXT_EXTS:
        raise ResumeError(f"{filename}: unsupported file type {ext!r}; {_WHAT_TO_DO}")
    return _TEXT_EXTS[ext]


def _is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def _check_docx(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a DOCX whose parts would inflate too far, from the central directory alone."""
    members = archive.infolist()
    if len(members) > DOCX_MAX_MEMBERS:
        raise ResumeTooLarge(
            f"{name} holds {len(members):,} parts, more than a résumé needs (at most "
            f"{DOCX_MAX_MEMBERS:,}); {_WHAT_TO_DO}"
        )
    total = sum(m.file_size for m in members)
    if total > DOCX_MAX_INFLATED:
        raise ResumeTooLarge(
            f"{name} would unpack to {total / 1_048_576:,.0f} MB, over the "
            f"{DOCX_MAX_INFLATED // 1_048_576} MB limit; {_WHAT_TO_DO}"
        )
    for m in members:
        if m.file_size > DOCX_RATIO_FROM and m.file_size > DOCX_MAX_RATIO * max(m.compress_size, 1):
            raise ResumeTooLarge(
                f"{name} has a part compressed {m.file_size // max(m.compress_size, 1):,} to 1, "
                f"which no real document does (at most {DOCX_MAX_RATIO} to 1); {_WHAT_TO_DO}"
            )


def _check_pdf(reader: PdfReader, name: str) -> None:
    """Refuse a PDF with more objects or pages than a résumé has, before reading any page."""
    size = reader.trailer.get("/Size", 0)
    objects = int(size) if isinstance(size, int) else 0
    if objects > PDF_MAX_OBJECTS:
        raise ResumeTooLarge(
            f"{name} has {objects:,} PDF objects, more than a résumé needs (at most "
            f"{PDF_MAX_OBJECTS:,}); {_WHAT_TO_DO}"
        )
    pages = len(reader.pages)
    if pages > PDF_MAX_PAGES:
        raise ResumeTooLarge(
            f"{name} has {pages:,} pages; a résumé may have at most {PDF_MAX_PAGES}. "
            "Upload the résumé pages only"
        )


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import apply_configuration

    # pypdf's own decompression-bomb guard, tightened for this read only (a context
    # variable): no stream a résumé holds comes near 10 MB inflated.
    with apply_configuration(
        zlib_maximum_output_length=PDF_MAX_STREAM,
        lzw_maximum_output_length=PDF_MAX_STREAM,
        run_length_maximum_output_length=PDF_MAX_STREAM,
        array_based_stream_maximum_output_length=PDF_MAX_STREAM,
    ):
        return _pdf_pages_text(data, name)


def _pdf_pages_text(data: bytes, name: str) -> str:
    import pypdf.errors
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypts(reader):
            raise ResumeError(f"{name} is a password-protected PDF; save an unprotected copy")
        _check_pdf(reader, name)
        texts = []
        for page in reader.pages:
            # Decoded first so that a stream over the cap raises here (text extraction
            # would swallow the error and report an empty page).
            contents = page.get_contents()
            if contents is not None:
                contents.get_data()
            texts.append(page.extract_text() or "")
        return "\n".join(texts)
    except ResumeError:
        raise
    except pypdf.errors.LimitReachedError as exc:
        raise ResumeTooLarge(
            f"{name} holds a page that would unpack to over "
            f"{PDF_MAX_STREAM // 1_048_576} MB, which no real résumé does; {_WHAT_TO_DO}"
        ) from exc
    except Exception as exc:  # pypdf raises assorted built-in errors on malformed files
        raise ResumeError(f"{name} is not a readable PDF; {_WHAT_TO_DO}") from exc


def _decrypts(reader: PdfReader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without the optional crypto library
        return False


def _docx_text(data: bytes, name: str) -> str:
    import docx

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_docx(archive, name)
    except zipfile.BadZipFile as exc:
        raise ResumeError(f"{name} is not a readable DOCX file; {_WHAT_TO_DO}") from exc
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises assorted errors on malformed packages
        raise ResumeError(f"{name} is not a readable DOCX file; {_WHAT_TO_DO}") from exc
    lines = [p.text for p in document.paragraphs]
    for tbl in document.tables:
        for row in tbl.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def _plain_text(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ResumeError(f"{name} looks like a binary file, not text; {_WHAT_TO_DO}")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("cp1252", errors="replace")


_MD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^```.*$", re.M), ""),  # code fences
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), r"\1"),  # images -> alt text
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links -> link text
    (re.compile(r"^\s{0,3}#{1,6}\s*", re.M), ""),  # headings
    (re.compile(r"^\s{0,3}>\s?", re.M), ""),  # block quotes
    (re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+", re.M), ""),  # list markers
    (re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$", re.M), ""),  # rules
    (re.compile(r"(\*\*|__)(.+?)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"`([^`]*)`"), r"\1"),  # inline code
    (re.compile(r"<[^>\n]+>"), ""),  # inline HTML tags
)


def markdown_to_text(markdown: str) -> str:
    """Markdown with its markup removed (headings, lists, emphasis, links, code)."""
    text = markdown
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return text


def _tidy(text: str) -> str:
    lines = (re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines())
    return "\n".join(line for line in lines if line)
