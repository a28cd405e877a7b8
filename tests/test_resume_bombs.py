"""Upload bombs: a small résumé file that would unpack to gigabytes is refused before it is
parsed (DOCX: from the ZIP's central directory; PDF: object, page and stream limits)."""

from __future__ import annotations

import pytest

from _bombs import pdf_with, spaces, zip_with
from _web_client import client
from paypath.errors import ResumeTooLarge
from paypath.resume import DOCX_MAX_MEMBERS, PDF_MAX_PAGES, read_resume

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def test_a_docx_that_unpacks_past_the_limit_is_refused_unread(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import docx

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("the bomb reached the DOCX parser")

    monkeypatch.setattr(docx, "Document", never)
    bomb = zip_with({"word/document.xml": spaces(64 << 20)})  # 64 MB of spaces in ~64 KB
    assert len(bomb) < 200_000
    with pytest.raises(ResumeTooLarge, match=r"unpack to 64 MB, over the 40 MB limit"):
        read_resume(bomb, "cv.docx")


def test_a_docx_part_compressed_beyond_any_real_document_is_refused() -> None:
    bomb = zip_with({"word/document.xml": spaces(8 << 20)})  # under the total cap, ratio ~1000:1
    with pytest.raises(ResumeTooLarge, match=r"compressed [\d,]+ to 1"):
        read_resume(bomb, "cv.docx")


def test_a_docx_with_too_many_parts_is_refused() -> None:
    members: dict[str, bytes] = {"word/document.xml": b"<w:document/>"}
    members.update({f"word/media/{i}.xml": b"x" for i in range(DOCX_MAX_MEMBERS)})
    with pytest.raises(ResumeTooLarge, match="parts, more than a résumé needs"):
        read_resume(zip_with(members), "cv.docx")


def test_a_pdf_with_too_many_pages_is_refused() -> None:
    with pytest.raises(ResumeTooLarge, match=f"at most {PDF_MAX_PAGES}"):
        read_resume(pdf_with(pages=PDF_MAX_PAGES + 1), "cv.pdf")


def test_a_pdf_page_that_unpacks_past_the_stream_cap_is_refused() -> None:
    with pytest.raises(ResumeTooLarge, match="unpack to over 10 MB"):
        read_resume(pdf_with(stream_bytes=16 << 20), "cv.pdf")


def test_the_advisor_answers_a_bomb_with_413_and_the_form() -> None:
    bomb = zip_with({"word/document.xml": spaces(64 << 20)})
    response = client().post(
        "/advisor",
        files={"resume": ("cv.docx", bomb, DOCX_MIME)},
        data={"skills": "python"},
        headers={"accept": "text/html"},
    )
    assert response.status_code == 413
    assert "over the 40 MB limit" in response.text
    assert 'name="skills"' in response.text
