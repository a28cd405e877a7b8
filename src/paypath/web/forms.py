"""Reading HTML form posts, résumé uploads included, entirely in memory.

Starlette spools uploaded files to a temporary file on disk past 1 MB. The advisor form's
body is capped at :data:`~paypath.web.security.UPLOAD_BODY_MAX` by the middleware, so a
parser whose spool limit is above that cap never writes a byte to disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from starlette.datastructures import FormData, UploadFile
from starlette.formparsers import FormParser, MultiPartException, MultiPartParser
from starlette.requests import Request

from paypath.errors import InputError, ResumeError
from paypath.web.security import RESUME_MAX_BYTES, TEXT_BODY_MAX, UPLOAD_BODY_MAX

__all__ = ["Upload", "read_form", "upload"]


class _InMemoryMultiPart(MultiPartParser):
    spool_max_size = UPLOAD_BODY_MAX + 1  # larger than any body we accept: never rolls over


@dataclass(frozen=True)
class Upload:
    filename: str
    data: bytes


async def read_form(request: Request) -> FormData:
    """The posted form (multipart or urlencoded); uploads stay in memory."""
    content_type = request.headers.get("content-type", "")
    try:
        if content_type.startswith("multipart/form-data"):
            parser = _InMemoryMultiPart(
                request.headers,
                request.stream(),
                max_files=1,
                max_fields=20,
                max_part_size=TEXT_BODY_MAX,
            )
            return await parser.parse()
        if content_type.startswith("application/x-www-form-urlencoded"):
            return await FormParser(request.headers, request.stream()).parse()
    except MultiPartException as exc:
        raise InputError(f"the form could not be read: {exc.message}; submit it again") from exc
    return FormData()


async def upload(form: FormData, name: str) -> Upload | None:
    """The file posted as ``name``, or None when the field is empty; read into memory."""
    item = form.get(name)
    if not isinstance(item, UploadFile) or not item.filename:
        return None
    data = await item.read(RESUME_MAX_BYTES + 1)
    await item.close()
    if len(data) > RESUME_MAX_BYTES:
        raise ResumeError(
            f"{item.filename} is over the 5 MB limit for a résumé; upload a smaller file "
            "or paste your skills instead"
        )
    if not data:
        return None
    return Upload(item.filename, data)
