"""Résumé reading: every format gives the plain text's words; bad files get clear errors."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paypath.errors import ResumeError
from paypath.resume import MAX_BYTES, detect_format, markdown_to_text, read_resume

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "resumes"
NAMES = ["ml_researcher", "cloud_engineer", "data_analyst"]
FORMATS = ["pdf", "docx", "md"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NAMES)
def test_every_format_reads_as_its_plain_text(name: str, fmt: str) -> None:
    plain = read_resume(FIXTURES / f"{name}.txt")
    assert read_resume(FIXTURES / f"{name}.{fmt}") == plain


@pytest.mark.parametrize("fmt", [*FORMATS, "txt"])
def test_bytes_with_a_filename_read_like_the_file(fmt: str) -> None:
    path = FIXTURES / f"cloud_engineer.{fmt}"
    assert read_resume(path.read_bytes(), path.name) == read_resume(path)


@pytest.mark.parametrize(
    ("data", "filename", "expected"),
    [
        pytest.param(b"%PDF-1.4\n...", "cv.bin", "pdf", id="pdf-by-content"),
        pytest.param(b"Skills: SQL", "cv.md", "md", id="markdown-by-extension"),
        pytest.param(b"Skills: SQL", "cv.TXT", "txt", id="text-any-case"),
        pytest.param(b"Skills: SQL", "cv", "txt", id="no-extension-is-text"),
    ],
)
def test_detect_format(data: bytes, filename: str, expected: str) -> None:
    assert detect_format(data, filename) == expected


def _zip_without_word() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "python")
    return buffer.getvalue()


def _encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(FIXTURES / "data_analyst.pdf"))
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("make", "filename", "message"),
    [
        pytest.param(lambda: b"", "empty.txt", "no readable text", id="empty"),
        pytest.param(lambda: b" \n\t\n", "blank.md", "no readable text", id="blank"),
        pytest.param(
            lambda: (FIXTURES / "no_text.pdf").read_bytes(), "scan.pdf", "scanned", id="no-text-pdf"
        ),
        pytest.param(
            lambda: (FIXTURES / "ml_researcher.pdf").read_bytes()[:300],
            "cut.pdf",
            "not a readable PDF",
            id="truncated-pdf",
        ),
        pytest.param(lambda: b"hello", "cv.pdf", "not a valid PDF", id="pdf-name-not-pdf"),
        pytest.param(
            lambda: (FIXTURES / "cloud_engineer.docx").read_bytes()[:2000],
            "cut.docx",
            "not a Word .docx",
            id="truncated-docx",
        ),
        pytest.param(_zip_without_word, "cv.docx", "not a Word .docx", id="zip-not-docx"),
        pytest.param(lambda: b"\xd0\xcf\x11\xe0", "cv.doc", "old Word .doc", id="legacy-doc"),
        pytest.param(lambda: b"\x89PNG\r\n", "cv.png", "unsupported file type", id="image"),
        pytest.param(lambda: b"ab\x00\x01cd", "cv.txt", "binary", id="binary-as-text"),
        pytest.param(_encrypted_pdf, "locked.pdf", "password-protected", id="encrypted-pdf"),
    ],
)
def test_unreadable_files_raise_resume_error(make: object, filename: str, message: str) -> None:
    assert callable(make)
    with pytest.raises(ResumeError, match=message) as info:
        read_resume(make(), filename)
    assert "list your skills" in str(info.value) or "copy" in str(info.value)


def test_oversized_file_is_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "huge.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * MAX_BYTES)
    with pytest.raises(ResumeError, match="over the 5 MB limit"):
        read_resume(big)
    with pytest.raises(ResumeError, match="over the 5 MB limit"):
        read_resume(big.read_bytes(), "huge.pdf")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ResumeError, match="no such résumé file"):
        read_resume(tmp_path / "nope.pdf")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        pytest.param("utf-8", b"", id="utf-8"),
        pytest.param("utf-8", b"\xef\xbb\xbf", id="utf-8-bom"),
        pytest.param("utf-16", b"", id="utf-16"),
    ],
)
def test_text_encodings(encoding: str, bom: bytes) -> None:
    text = "Résumé — Python, Kubernetes"
    assert read_resume(bom + text.encode(encoding), "cv.txt") == text


@pytest.mark.parametrize(
    ("markdown", "plain"),
    [
        pytest.param("## Skills", "Skills", id="heading"),
        pytest.param("- **Python** and *SQL*", "Python and SQL", id="list-emphasis"),
        pytest.param("[GitHub](https://github.com/x)", "GitHub", id="link"),
        pytest.param("Used `kubectl` daily", "Used kubectl daily", id="inline-code"),
        pytest.param("1. Terraform", "Terraform", id="numbered"),
        pytest.param("C++ and C# 2*3", "C++ and C# 2*3", id="symbols-kept"),
    ],
)
def test_markdown_to_text(markdown: str, plain: str) -> None:
    assert markdown_to_text(markdown) == plain


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.sampled_from(["cv.txt", "cv.md", "cv.pdf", "cv.docx"]))
def test_arbitrary_bytes_give_text_or_resume_error(data: bytes, filename: str) -> None:
    try:
        text = read_resume(data, filename)
    except ResumeError:
        return
    assert text.strip() and "\x00" not in text


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_pdf_like_bytes_give_text_or_resume_error(data: bytes) -> None:
    try:
        text = read_resume(b"%PDF-1.4\n" + data, "cv.pdf")
    except ResumeError as exc:
        assert "PDF" in str(exc) or "no readable text" in str(exc)
        return
    assert text.strip()


@given(st.text(alphabet=st.characters(categories=["L", "N", "Zs"]), max_size=200))
def test_markdown_without_markup_is_unchanged(text: str) -> None:
    assert markdown_to_text(text) == text
