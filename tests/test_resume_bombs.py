"""Upload bombs: a small résumé file that would unpack to gigabytes is refused before it is
parsed (DOCX: from the ZIP's central directory; PDF: object, page and stream limits)."""

from __future__ import annotations

import io
import zipfile
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.generic import NameObject, NumberObject, StreamObject

from _web_client import client
from paypath.errors import ResumeTooLarge
from paypath.resume import DOCX_MAX_MEMBERS, PDF_MAX_PAGES, read_resume

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _docx(members: dict[str, bytes | int]) -> bytes:
    """A ZIP with the given members; an int is that many bytes of spaces, deflated."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, content in members.items():
            with archive.open(name, "w", force_zip64=True) as member:
                if isinstance(content, bytes):
                    member.write(content)
                    continue
                chunk = b" " * (1 << 20)
                for _ in range(content // len(chunk)):
                    member.write(chunk)
    return buf.getvalue()


def _pdf(pages: int = 1, stream_bytes: int = 0) -> bytes:
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


def test_a_docx_that_unpacks_past_the_limit_is_refused_unread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import docx

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the bomb reached the DOCX parser")

    monkeypatch.setattr(docx, "Document", never)
    bomb = _docx({"word/document.xml": 64 << 20})  # 64 MB of spaces in ~64 KB
    assert len(bomb) < 200_000
    with pytest.raises(ResumeTooLarge, match=r"unpack to 64 MB, over the 40 MB limit"):
        read_resume(bomb, "cv.docx")


def test_a_docx_part_compressed_beyond_any_real_document_is_refused() -> None:
    bomb = _docx({"word/document.xml": 8 << 20})  # under the total cap, ratio ~1000:1
    with pytest.raises(ResumeTooLarge, match=r"compressed [\d,]+ to 1"):
        read_resume(bomb, "cv.docx")


def test_a_docx_with_too_many_parts_is_refused() -> None:
    members: dict[str, bytes | int] = {"word/document.xml": b"<w:document/>"}
    members.update({f"word/media/{i}.xml": b"x" for i in range(DOCX_MAX_MEMBERS)})
    with pytest.raises(ResumeTooLarge, match="parts, more than a résumé needs"):
        read_resume(_docx(members), "cv.docx")


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    with pytest.raises(ResumeTooLarge, match=f"at most {PDF_MAX_PAGES}"):
        read_resume(_pdf(pages=PDF_MAX_PAGES + 1), "cv.pdf")


def test_a_pdf_page_that_unpacks_past_the_stream_cap_is_refused() -> None:
    with pytest.raises(ResumeTooLarge, match="unpack to over 10 MB"):
        read_resume(_pdf(stream_bytes=16 << 20), "cv.pdf")


def test_the_advisor_answers_a_bomb_with_413_and_the_form() -> None:
    bomb = _docx({"word/document.xml": 64 << 20})
    response = client().post(
        "/advisor",
        files={"resume": ("cv.docx", bomb, DOCX_MIME)},
        data={"skills": "python"},
        headers={"accept": "text/html"},
    )
    assert response.status_code == 413
    assert "over the 40 MB limit" in response.text
    assert 'name="skills"' in response.text
