"""Résumé uploads: capped in size and type, and read in memory (never written to disk)."""

from __future__ import annotations

import tempfile
from typing import Any

import pytest

from _web_client import client
from paypath.web.security import RESUME_MAX_BYTES, UPLOAD_BODY_MAX

C = client()


@pytest.fixture
def no_temp_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any spill of an upload to a temporary file fails the request loudly."""

    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("an upload was about to be written to disk")

    monkeypatch.setattr(tempfile, "TemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refuse)
    monkeypatch.setattr(tempfile, "mkstemp", refuse)


def _post(name: str, data: bytes, mime: str, **form: str) -> Any:
    return C.post(
        "/advisor",
        files={"resume": (name, data, mime)},
        data=form,
        headers={"accept": "text/html"},
    )


@pytest.mark.usefixtures("no_temp_files")
def test_a_large_upload_stays_in_memory() -> None:
    # 4.5 MB is well past Starlette's 1 MB spool threshold.
    response = _post("cv.exe", b"MZ" + b"\0" * (4_500_000), "application/octet-stream")
    assert response.status_code == 422
    assert "unsupported file type" in response.text or "not" in response.text


@pytest.mark.usefixtures("no_temp_files")
def test_a_file_over_5_mb_is_refused_with_a_message() -> None:
    response = _post("cv.txt", b"a" * (RESUME_MAX_BYTES + 1), "text/plain")
    assert response.status_code == 422
    assert "5 MB" in response.text


def test_a_body_over_the_upload_cap_is_refused_before_parsing() -> None:
    response = _post("cv.txt", b"a" * UPLOAD_BODY_MAX, "text/plain")
    assert response.status_code == 413
    assert "limit" in response.text


@pytest.mark.parametrize(
    ("name", "data", "mime"),
    [
        pytest.param("cv.doc", b"\xd0\xcf\x11\xe0" + b"\0" * 100, "application/msword", id="doc"),
        pytest.param("cv.pdf", b"not a pdf at all", "application/pdf", id="fake-pdf"),
        pytest.param("cv.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 50, "image/png", id="image"),
    ],
)
def test_unsupported_or_broken_files_get_the_form_back_with_a_message(
    name: str, data: bytes, mime: str
) -> None:
    response = _post(name, data, mime, skills="python")
    assert response.status_code == 422
    assert 'id="form-error"' in response.text and name in response.text
    assert 'value="python"' in response.text or ">python<" in response.text
