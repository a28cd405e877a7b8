"""Security headers and request size limits, as plain ASGI middleware (no per-request overhead
beyond a header merge).

* Every response gets :data:`SECURITY_HEADERS` (a strict CSP: scripts only from our own
  origin, no inline scripts, no framing) unless the route set its own value.
* Request bodies are capped before they are read: :data:`TEXT_BODY_MAX` for JSON and forms,
  :data:`UPLOAD_BODY_MAX` on the routes that take a résumé. Over the cap is a 413 in the one
  error shape; the body is never buffered beyond the cap.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = [
    "CSP",
    "DOCS_CSP",
    "RESUME_MAX_BYTES",
    "SECURITY_HEADERS",
    "TEXT_BODY_MAX",
    "TEXT_MAX_CHARS",
    "UPLOAD_BODY_MAX",
    "UPLOAD_PATHS",
    "BodyLimit",
    "SecurityHeaders",
]

TEXT_MAX_CHARS = 200_000  # a pasted job ad, article or résumé text
TEXT_BODY_MAX = 256 * 1024  # 200 KB of text plus the JSON envelope
RESUME_MAX_BYTES = 5 * 1024 * 1024
UPLOAD_BODY_MAX = RESUME_MAX_BYTES + 64 * 1024  # the file plus the form's other fields
UPLOAD_PATHS = frozenset({"/advisor", "/api/resume/skills"})

_CSP_DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'none'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
CSP = "; ".join(f"{k} {v}" for k, v in _CSP_DIRECTIVES.items())
# Swagger UI (React) sets inline style attributes; scripts stay 'self' only.
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "cross-origin-opener-policy": "same-origin",
}
_ENCODED = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in SECURITY_HEADERS.items()]


class SecurityHeaders:
    """Add :data:`SECURITY_HEADERS` to every HTTP response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers: list[tuple[bytes, bytes]] = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in _ENCODED if k not in present]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _too_large(limit: int) -> HTTPException:
    size = f"{limit // 1024} KB" if limit < 1024 * 1024 else f"{limit / 1024 / 1024:.0f} MB"
    return HTTPException(
        413,
        f"the request body is over the {size} limit: send at most 200 KB of text "
        "(or a résumé file of at most 5 MB on the advisor form)",
    )


class BodyLimit:
    """Refuse request bodies over the limit, by Content-Length or while streaming."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        on_error: Callable[[Scope, Receive, Send, HTTPException], Awaitable[None]],
    ) -> None:
        self.app = app
        self.on_error = on_error

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = UPLOAD_BODY_MAX if scope["path"] in UPLOAD_PATHS else TEXT_BODY_MAX
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await self.on_error(scope, receive, send, _too_large(limit))
            return
        seen = 0

        async def counted_receive() -> MutableMapping[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise _too_large(limit)
            return message

        await self.app(scope, counted_receive, send)


def _content_length(scope: Scope) -> int | None:
    for key, value in scope.get("headers", []):
        if key == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
