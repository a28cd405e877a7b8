"""The "Who pays most" page."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from paypath.web.pages import fields, html_page
from paypath.web.views_employers import employers_page

__all__ = ["router"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/employers")
def employers(request: Request) -> HTMLResponse:
    view = employers_page(fields(dict(request.query_params)))
    return html_page("employers.html", request, 422 if view.errors else 200, page=view)
