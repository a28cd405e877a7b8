"""Résumé files to plain text: PDF (pypdf), DOCX (python-docx), TXT and Markdown.

Everything happens in memory: the text is returned to the caller and never written
anywhere. The format is decided by the file's content (``%PDF`` header, a ZIP holding
``word/document.xml``), falling back to the file name's extension for text.
Files over :data:`MAX_BYTES` (5 MB), empty files, encrypted or image-only PDFs,
corrupt documents and binary files raise :class:`~paypath.errors.ResumeError`
with a message that says what to do instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from paypath.errors import ResumeError

if TYPE_CHECKING:
    from pypdf import PdfReader

__all__ = ["MAX_BYTES", "SUPPORTED", "ResumeFormat", "detect_format", "read_resume"]

MAX_BYTES = 5 * 1024 * 1024
SUPPORTED = (".pdf", ".docx", ".txt", ".md", ".markdown")
ResumeFormat = Literal["pdf", "docx", "txt", "md"]

_TEXT_EXTS: dict[str, ResumeFormat] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    "": "txt",
}
_WHAT_TO_DO = "save it as PDF, DOCX, TXT or Markdown, or pass your skills with --skills"


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
    return ResumeError(
        f"{name} is {size / 1_048_576:.1f} MB, over the 5 MB limit; "
        "export a text-only version (no images) or pass your skills with --skills"
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


def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypts(reader):
            raise ResumeError(f"{name} is a password-protected PDF; save an unprotected copy")
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except ResumeError:
        raise
    except Exception as exc:  # pypdf raises assorted built-in errors on malformed files
        raise ResumeError(f"{name} is not a readable PDF ({exc}); {_WHAT_TO_DO}") from exc


def _decrypts(reader: PdfReader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES without the optional crypto library
        return False


def _docx_text(data: bytes, name: str) -> str:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises assorted errors on malformed packages
        raise ResumeError(f"{name} is not a readable DOCX file ({exc}); {_WHAT_TO_DO}") from exc
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
