"""The market explorer: pay by role, location and seniority, and skill premiums with CIs."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from pydantic import ValidationError

from paypath.catalog import Role, get_role, load_roles
from paypath.errors import PaypathError
from paypath.market.analytics import PayStat, Premium
from paypath.web.api_market import market_premiums, market_stats
from paypath.web.charts import Chart, Mark, Series
from paypath.web.errors import validation_message
from paypath.web.models import MarketQuery
from paypath.web.render import money, pct

__all__ = ["GROUPINGS", "MarketPage", "cells", "market_page"]

GROUPINGS: dict[str, tuple[str, list[str]]] = {
    "role": ("Role", ["role"]),
    "role,seniority": ("Role and seniority", ["role", "seniority"]),
    "role,country": ("Role and country", ["role", "country"]),
    "country": ("Country", ["country"]),
    "seniority": ("Seniority", ["seniority"]),
}
ROWS_CHARTED = 25
PREMIUMS_CHARTED = 20
PREMIUMS_PER_PAGE = 50


@dataclass
class MarketPage:
    form: dict[str, str]
    groupings: dict[str, tuple[str, list[str]]] = field(default_factory=lambda: GROUPINGS)
    roles: list[Role] = field(default_factory=lambda: sorted(load_roles(), key=lambda r: r.title))
    stats: list[PayStat] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    premiums: list[Premium] = field(default_factory=list)
    stats_chart: Chart | None = None
    premium_chart: Chart | None = None
    errors: list[str] = field(default_factory=list)
    premium_page: int = 1

    @property
    def premium_pages(self) -> int:
        return max(1, -(-len(self.premiums) // PREMIUMS_PER_PAGE))

    @property
    def premiums_shown(self) -> list[Premium]:
        start = (self.premium_page - 1) * PREMIUMS_PER_PAGE
        return self.premiums[start : start + PREMIUMS_PER_PAGE]

    def page_url(self, number: int) -> str:
        """This page's URL with premium table page ``number``."""
        kept = {k: v for k, v in self.form.items() if v and k != "page"}
        return "/market?" + urlencode({**kept, "page": number})


def _display(column: str, value: str | None) -> str:
    if value is None:
        return "unknown"
    if column == "role_id":
        try:
            return get_role(value).title
        except PaypathError:
            return value
    return value


def cells(stat: PayStat) -> list[str]:
    """The group's values as shown: role titles for role ids, "unknown" for missing."""
    return [_display(k, v) for k, v in stat.group.items()]


def _label(stat: PayStat) -> str:
    return " · ".join(cells(stat))


def _stats_chart(stats: list[PayStat]) -> Chart:
    chart = Chart(
        title="Annual pay, USD",
        series=[
            Series("wide", "p10–p90", "range"),
            Series("iqr", "p25–p75 (tick: median)", "range"),
        ],
    )
    for s in [s for s in stats if not s.suppressed][:ROWS_CHARTED]:
        label = _label(s)
        chart.add_row(
            label,
            [
                Mark(
                    "wide",
                    f"{label}: p10 {money(s.p10)} to p90 {money(s.p90)}, n={s.n:,}. "
                    f"Source: {s.source}",
                    lo=s.p10,
                    hi=s.p90,
                ),
                Mark(
                    "iqr",
                    f"{label}: p25 {money(s.p25)}, median {money(s.median)}, p75 "
                    f"{money(s.p75)}, n={s.n:,}. Source: {s.source}",
                    lo=s.p25,
                    hi=s.p75,
                    mid=s.median,
                ),
            ],
        )
    return chart


def _premium_chart(premiums: list[Premium], scope: str) -> Chart:
    chart = Chart(
        title=f"Skill pay premiums, {scope} (95% confidence intervals)",
        unit="pct",
        series=[
            Series("ci", "95% CI", "range"),
            Series("premium", "Estimated premium", "point"),
        ],
    )
    for p in premiums[:PREMIUMS_CHARTED]:
        text = (
            f"{p.name}: {pct(p.premium)} (95% CI {pct(p.ci_low)} to {pct(p.ci_high)}), "
            f"n={p.n:,} with the skill. {p.method}. Source: {p.source}"
        )
        chart.add_row(
            p.name,
            [Mark("ci", text, lo=p.ci_low, hi=p.ci_high), Mark("premium", text, value=p.premium)],
        )
    chart.add_ref(0.0, "no premium")
    return chart


def market_page(form: dict[str, str]) -> MarketPage:
    """Pay stats for the chosen grouping and filters, and premiums for the chosen role.

    The filters are checked by the API's own model (:class:`MarketQuery`): a bad one gives
    the same message here as there, and no table.
    """
    page = MarketPage(form=form)
    grouping = form.get("by") or "role"
    page.form["by"] = grouping
    if grouping not in GROUPINGS:
        choices = ", ".join(repr(k) for k in GROUPINGS)
        page.errors.append(f"field 'by': choose one of {choices} (got {grouping!r})")
        return page
    try:
        query = MarketQuery.model_validate(
            {
                "by": GROUPINGS[grouping][1],
                "role": form.get("role") or None,
                "country": (form.get("country") or "").strip() or None,
                "min_n": (form.get("min_n") or "").strip() or 10,
            }
        )
    except ValidationError as exc:
        page.errors.append(validation_message(list(exc.errors())))
        return page
    try:
        page.stats = market_stats(list(query.by), query.role, query.country, query.min_n)
        page.columns = list(page.stats[0].group) if page.stats else []
        page.stats_chart = _stats_chart(page.stats)
    except PaypathError as exc:
        page.errors.append(exc.message)
    try:
        page.premiums = market_premiums(query.role, 30)
        page.premium_chart = _premium_chart(page.premiums, query.role or "all roles")
        raw = (form.get("page") or "1").strip()
        number = int(raw) if raw.isdigit() else 0
        if not 1 <= number <= page.premium_pages:
            page.errors.append(
                f"field 'page': the premium table has pages 1 to {page.premium_pages} "
                f"(got {raw[:20]!r})"
            )
        else:
            page.premium_page = number
    except PaypathError as exc:
        if exc.message not in page.errors:  # an unknown role: said once
            page.errors.append(exc.message)
    return page
