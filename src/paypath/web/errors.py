"""Every error the web app returns goes through :func:`error_response`.

One shape for every 4xx and 5xx: ``{"error": {"code": ..., "message": ...}}``. Browsers
(``Accept: text/html`` on a page route) get the same code and message in an HTML page.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from paypath.errors import PaypathError
from paypath.web.render import render
from paypath.web.security import SECURITY_HEADERS

__all__ = [
    "ERROR_RESPONSES",
    "ErrorBody",
    "ErrorResponse",
    "error_payload",
    "error_response",
    "install_error_handlers",
    "validation_message",
]

log = logging.getLogger("paypath.web")

_HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    500: "internal_error",
}
_HTTP_MESSAGES = {
    400: 'the request body could not be read: send UTF-8 JSON, e.g. {"text": "…"}',
    404: "no such page or endpoint; see /docs for the API and / for the app",
    405: "this method is not allowed here; see /docs for the methods each endpoint takes",
}
GENERIC_500 = "something went wrong on our side; the error was logged. Try again or report it."


class ErrorBody(BaseModel):
    code: str
    message: str


class ErrorResponse(BaseModel):
    """The one error shape of the API."""

    error: ErrorBody


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in (
        (400, "A body that cannot be read (not UTF-8 JSON)"),
        (404, "Unknown role, skill, SOC code or area"),
        (413, "Request body too large"),
        (422, "Input that cannot be used, with a message saying what to change"),
    )
}


def error_payload(code: str, message: str) -> dict[str, dict[str, str]]:
    """The one error document: ``{"error": {"code", "message"}}``."""
    return {"error": {"code": code, "message": message}}


def _wants_html(request: Request) -> bool:
    if request.url.path.startswith(("/api/", "/openapi")):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    """Build the error response: JSON, or the same code and message as a page for browsers."""
    response: Response
    if _wants_html(request):
        html = render("error.html", request, status=status, code=code, message=message)
        response = HTMLResponse(html, status_code=status)
    else:
        response = JSONResponse(error_payload(code, message), status_code=status)
    # A 500 is sent from outside the middleware stack: give it the headers here.
    response.headers.update(SECURITY_HEADERS)
    return response


def _where(loc: tuple[int | str, ...]) -> str:
    parts = [str(p) for p in loc if not isinstance(p, int)]  # 'by', not 'by.0'
    if len(parts) == 1 and parts[0] not in ("body", "query", "path", "header", "cookie"):
        return f"field {parts[0]!r}"  # a form field, validated by the same model
    if parts and parts[0] in ("body", "query", "path", "header", "cookie", "form"):
        kind, rest = parts[0], parts[1:]
        name = ".".join(rest) if rest else "request body"
        return f"{kind} field {name!r}" if rest and kind == "body" else f"{kind} {name!r}"
    return ".".join(parts) or "request"


def validation_message(errors: list[Any]) -> str:
    """One sentence per problem: where it is, what is wrong, and what was given."""
    problems = []
    for err in errors[:10]:
        where = _where(tuple(err.get("loc", ())))
        msg = str(err.get("msg", "is invalid"))
        given = err.get("input")
        shown = ""
        if isinstance(given, str | int | float) and err.get("type") != "missing":
            text = repr(given)
            shown = f" (got {text[:60] + '…' if len(text) > 60 else text})"
        problems.append(f"{where}: {msg[:1].lower() + msg[1:]}{shown}")
    more = f"; and {len(errors) - 10} more" if len(errors) > 10 else ""
    return "; ".join(problems) + more + ". Fix these and send the request again."


async def _paypath_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, PaypathError)
    if exc.status >= 500:
        log.error("%s on %s: %s", exc.code, request.url.path, exc.message)
    return error_response(request, exc.status, exc.code, exc.message)


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    return error_response(request, 422, "invalid_input", validation_message(list(exc.errors())))


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    code = _HTTP_CODES.get(status, "http_error")
    detail = exc.detail if isinstance(exc.detail, str) else ""
    default = _HTTP_MESSAGES.get(status)
    generic = ("Not Found", "Method Not Allowed", "There was an error parsing the body")
    message = default if default and detail in generic else detail
    response = error_response(request, status, code, message or default or code)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(request, 500, "internal_error", GENERIC_500)


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through :func:`error_response`; no stack trace reaches a user."""
    app.add_exception_handler(PaypathError, _paypath_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected_error)
