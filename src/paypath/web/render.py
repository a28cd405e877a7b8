"""Jinja2 templates shipped in the package, autoescaped, with the number formatters pages use."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from starlette.requests import Request

__all__ = ["area", "chart_json", "environment", "money", "pct", "render"]

NAV = (
    ("/", "Roles"),
    ("/advisor", "Advisor"),
    ("/offer", "Offer check"),
    ("/market", "Market"),
    ("/employers", "Who pays most"),
    ("/check", "Claim check"),
    ("/docs", "API"),
)


def money(value: float | None, *, short: bool = False) -> str:
    """``$152,300`` (``−$1,600`` when negative), or ``$152k`` with ``short``; an en dash
    for a missing value."""
    if value is None:
        return "–"
    sign = "−" if value < 0 and round(abs(value)) else ""
    if short and abs(value) >= 1000:
        return f"{sign}${abs(value) / 1000:,.0f}k"
    return f"{sign}${abs(value):,.0f}"


def area(name: str) -> str:
    """A BLS area for a sentence: "national" reads "the US (national)"."""
    return "the US (national)" if name == "national" else name


def pct(value: float | None, *, signed: bool = True) -> str:
    """A fraction as a percentage: ``0.123`` -> ``+12.3%``."""
    if value is None:
        return "–"
    return f"{value * 100:+.1f}%" if signed else f"{value * 100:.1f}%"


def chart_json(spec: dict[str, Any]) -> Markup:
    """A chart spec as JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(spec, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)  # escaped above for a JSON script block


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("paypath.web", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["money"] = money
    env.filters["pct"] = pct
    env.filters["area"] = area
    env.filters["chart_json"] = chart_json
    env.globals["nav"] = NAV
    return env


def render(name: str, request: Request | None = None, **context: Any) -> str:
    """Render a template; ``request`` lets the layout mark the current page."""
    context.setdefault("current_path", request.url.path if request is not None else "")
    return environment().get_template(name).render(**context)
