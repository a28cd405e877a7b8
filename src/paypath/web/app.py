"""The web app: JSON API under ``/api``, server-rendered pages, offline API docs at ``/docs``.

Everything is served from the package: templates, CSS, the chart script and Swagger UI.
``create_app()`` builds a fresh app (tests make their own); ``paypath serve`` runs one.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse
from starlette.exceptions import HTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from paypath import __version__
from paypath.web import (
    api_advice,
    api_check,
    api_employers,
    api_market,
    api_pay,
    api_roles,
    api_text,
    api_wages,
    pages,
    pages_check,
    pages_employers,
)
from paypath.web.errors import error_response, install_error_handlers
from paypath.web.render import render
from paypath.web.security import DOCS_CSP, BodyLimit, SecurityHeaders
from paypath.web.static_files import static_dir

__all__ = ["create_app", "create_warm_app"]

log = logging.getLogger("uvicorn.error")  # shown by uvicorn's log config, like its own startup

DESCRIPTION = (
    "Where the money flows in tech: roles, skills and pay from real, cited data "
    "(BLS OEWS May 2025, Stack Overflow surveys, job postings). Every error is "
    '`{"error": {"code", "message"}}`. Text bodies: at most 200 KB.'
)


async def _body_too_large(scope: Scope, receive: Receive, send: Send, exc: HTTPException) -> None:
    request = Request(scope, receive)
    response = error_response(request, exc.status_code, "too_large", str(exc.detail))
    await response(scope, receive, send)


def _docs(request: Request) -> HTMLResponse:
    html = render("docs.html", request, title="paypath API")
    return HTMLResponse(html, headers={"content-security-policy": DOCS_CSP})


def _favicon() -> FileResponse:
    return FileResponse(static_dir() / "favicon.svg", media_type="image/svg+xml")


@asynccontextmanager
async def _warm_lifespan(app: FastAPI) -> AsyncIterator[None]:
    from paypath.web.warm import start_warming

    # In the background, once the server has answered its first request (see
    # paypath.web.warm): it answers at once, and the warm-up takes the library lock one
    # role at a time, so requests interleave with it.
    log.info("Warming caches in the background (skill premiums for every role)...")
    app.state.warming = start_warming(
        lambda seconds: log.info("Caches warm in %.1f s", seconds),
        after=app.state.first_answer,
    )
    yield


def create_app(*, warm: bool = False) -> FastAPI:
    """A new app with every route, error handler and middleware installed.

    With ``warm``, its startup begins computing the per-role caches in a background thread
    (see :mod:`paypath.web.warm`); the server takes requests meanwhile.
    """
    app = FastAPI(
        lifespan=_warm_lifespan if warm else None,
        title="paypath",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
    )
    install_error_handlers(app)
    app.include_router(api_text.router)  # before /api/roles/{role_id}: /api/roles/classify
    app.include_router(api_roles.router)
    app.include_router(api_advice.router)
    app.include_router(api_market.router)
    app.include_router(api_check.router)
    app.include_router(api_wages.router)
    app.include_router(api_pay.router)
    app.include_router(pages.router)
    app.include_router(pages_check.router)
    app.include_router(api_employers.router)
    app.include_router(pages_employers.router)
    app.add_api_route("/docs", _docs, include_in_schema=False, response_class=HTMLResponse)
    app.add_api_route("/favicon.ico", _favicon, include_in_schema=False)
    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.add_middleware(GZipMiddleware, minimum_size=1024)  # pages and JSON over 1 KB
    app.add_middleware(BodyLimit, on_error=_body_too_large)
    app.add_middleware(SecurityHeaders)
    if warm:
        from paypath.web.warm import FirstAnswer

        app.state.first_answer = threading.Event()
        app.add_middleware(FirstAnswer, answered=app.state.first_answer)
    return app


def create_warm_app() -> FastAPI:
    """``create_app(warm=True)``: the factory `paypath serve` runs (an import string, so that
    each of several worker processes builds and warms its own)."""
    return create_app(warm=True)
