"""Server-rendered pages. Each page calls one view function and renders one template."""

from __future__ import annotations

from functools import cache

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData

from paypath.catalog import load_roles
from paypath.errors import PaypathError
from paypath.resume import read_resume
from paypath.web import api_roles, views, views_advice, views_employers, views_market
from paypath.web.api_roles import ROLE_ID
from paypath.web.forms import Upload, read_form, upload
from paypath.web.render import render

__all__ = ["fields", "html_page", "router", "warm_pages"]

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)

FORM_FIELDS = 12
FIELD_MAX = 5000


def fields(items: FormData | dict[str, str]) -> dict[str, str]:
    """Plain string fields of a query or form (files dropped, values capped)."""
    out: dict[str, str] = {}
    for key, value in list(items.items())[: FORM_FIELDS * 2]:
        if isinstance(value, str) and len(out) < FORM_FIELDS:
            out[key] = value[:FIELD_MAX]
    return out


def html_page(name: str, request: Request, status: int = 200, **context: object) -> HTMLResponse:
    return HTMLResponse(render(name, request, **context), status_code=status)


@cache
def _home_html() -> str:
    # The home page depends only on package data: render it once per process.
    return render("home.html", None, page=views.home(), current_path="/")


@router.get("/")
def home() -> HTMLResponse:
    return HTMLResponse(_home_html())


@cache
def _roles_html() -> str:
    roles = api_roles.ranked_roles()
    return render("roles.html", None, roles=roles, current_path="/roles")


@router.get("/roles")
def roles() -> HTMLResponse:
    """Every role, with links to their pages."""
    return HTMLResponse(_roles_html())


@cache
def _role_html(role_id: str) -> str:
    # Static per process too; an unknown id raises, and exceptions are not cached.
    page = views.role_page(role_id)
    oflc = views_employers.role_oflc(role_id)
    return render("role.html", None, page=page, oflc=oflc, current_path="/roles/")


@router.get("/roles/{role_id}")
def role(role_id: str = ROLE_ID) -> HTMLResponse:
    return HTMLResponse(_role_html(role_id))


def warm_pages() -> None:
    """Render the cached pages (home, every role) ahead of the first visitor."""
    _home_html()
    _roles_html()
    for r in load_roles():
        _role_html(r.id)


def _advisor(
    request: Request, form: dict[str, str], text: str | None, name: str | None
) -> HTMLResponse:
    view = views_advice.advisor_page(form, text)
    view.resume_name = name
    return html_page(
        "advisor.html",
        request,
        422 if view.error else 200,
        page=view,
        skill_name=views_advice.skill_name,
    )


@router.get("/advisor")
def advisor(request: Request) -> HTMLResponse:
    return _advisor(request, fields(dict(request.query_params)), None, None)


@router.post("/advisor")
async def advisor_post(request: Request) -> HTMLResponse:
    posted = await read_form(request)
    form = fields(posted)
    file = await upload(posted, "resume")
    # Reading a résumé and advising are CPU work: off the event loop, in the thread pool.
    return await run_in_threadpool(_advisor_upload, request, form, file)


def _advisor_upload(request: Request, form: dict[str, str], file: Upload | None) -> HTMLResponse:
    if file is None:
        return _advisor(request, form, None, None)
    try:
        text = read_resume(file.data, file.filename)
    except PaypathError as exc:
        view = views_advice.AdvisorPage(form=form, error=exc.message)
        return html_page(  # 413 for a file over a size limit, 422 for one we cannot read
            "advisor.html", request, exc.status, page=view, skill_name=views_advice.skill_name
        )
    return _advisor(request, form, text, file.filename)


@router.get("/offer")
def offer(request: Request) -> HTMLResponse:
    view = views_advice.offer_page(fields(dict(request.query_params)))
    return html_page("offer.html", request, 422 if view.error else 200, page=view)


@router.get("/market")
def market(request: Request) -> HTMLResponse:
    view = views_market.market_page(fields(dict(request.query_params)))
    status = 422 if view.errors else 200
    return html_page("market.html", request, status, page=view, cells=views_market.cells)
