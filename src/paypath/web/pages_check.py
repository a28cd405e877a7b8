"""The claim-check page (`/check`)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from paypath.web import views_check
from paypath.web.forms import read_form
from paypath.web.pages import fields, html_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/check")
def check(request: Request) -> HTMLResponse:
    view = views_check.check_page({"area": "national"}, None)
    return html_page("check.html", request, page=view)


@router.post("/check")
async def check_post(request: Request) -> HTMLResponse:
    posted = await read_form(request)
    text = posted.get("text")
    form = fields(posted)
    if isinstance(text, str):
        form["text"] = text
    # Checking claims is CPU work: off the event loop, in the thread pool.
    view = await run_in_threadpool(
        views_check.check_page, form, text if isinstance(text, str) else None
    )
    return html_page("check.html", request, 422 if view.error else 200, page=view)
