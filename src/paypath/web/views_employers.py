"""Who pays most (the employers page) and the OFLC blocks of a role page: top payers and
the median offered wage by fiscal year."""

from __future__ import annotations

from dataclasses import dataclass, field

from paypath.catalog import Role, load_roles
from paypath.employers import (
    LABEL,
    EmployerProfile,
    EmployerRanking,
    employer_profile,
    top_payers,
)
from paypath.errors import PaypathError
from paypath.market.sources_oflc import OFLC_CAVEAT
from paypath.trends import RoleTrend, role_trend
from paypath.web.charts import Chart, Mark, Series
from paypath.web.render import money

__all__ = ["EmployersPage", "RoleOflc", "employers_page", "ranking_chart", "role_oflc"]


@dataclass
class EmployersPage:
    form: dict[str, str]
    roles: list[Role] = field(default_factory=lambda: sorted(load_roles(), key=lambda r: r.title))
    ranking: EmployerRanking | None = None
    profile: EmployerProfile | None = None
    chart: Chart | None = None
    errors: list[str] = field(default_factory=list)
    caveat: str = OFLC_CAVEAT
    label: str = LABEL


@dataclass
class RoleOflc:
    ranking: EmployerRanking | None
    ranking_chart: Chart | None
    trend: RoleTrend | None
    trend_chart: Chart | None
    caveat: str = OFLC_CAVEAT
    label: str = LABEL


def ranking_chart(ranking: EmployerRanking) -> Chart:
    chart = Chart(
        title=f"Offered base wage, USD: {ranking.role} in {ranking.area_name}",
        series=[Series("iqr", "p25–p75 (tick: median)", "range")],
    )
    for r in ranking.rows:
        chart.add_row(
            r.employer,
            [
                Mark(
                    "iqr",
                    f"{r.employer}: median {money(r.median)}, p25 {money(r.p25)} to p75 "
                    f"{money(r.p75)}, n={r.n:,} filings (FY {r.fiscal_year}). "
                    f"Source: {ranking.source}",
                    lo=r.p25,
                    hi=r.p75,
                    mid=r.median,
                )
            ],
            href=f"/employers?employer={r.employer}",
        )
    return chart


def _trend_chart(trend: RoleTrend) -> Chart:
    chart = Chart(
        title=f"Median offered wage by fiscal year, SOC {trend.soc} ({trend.program.upper()})",
        series=[Series("median", "median offered wage", "point")],
    )
    for p in trend.points:
        change = "" if p.change_pct is None else f", {p.change_pct:+.1f}% on the year before"
        partial = " (partial year)" if p.partial else ""
        chart.add_row(
            f"FY{p.fiscal_year}{partial}",
            [
                Mark(
                    "median",
                    f"FY{p.fiscal_year}{partial}: median {money(p.median)} from {p.n:,} "
                    f"filings{change}. Source: {trend.source}",
                    value=p.median,
                )
            ],
        )
    return chart


def employers_page(form: dict[str, str]) -> EmployersPage:
    page = EmployersPage(form=form)
    role, employer = form.get("role", "").strip(), form.get("employer", "").strip()
    area = form.get("area", "").strip() or "national"
    try:
        if employer:
            page.profile = employer_profile(employer, area)
        elif role:
            page.ranking = top_payers(role, area, limit=20)
            page.chart = ranking_chart(page.ranking)
    except PaypathError as exc:
        page.errors.append(str(exc))
    return page


def role_oflc(role_id: str) -> RoleOflc:
    """Top payers in the US and the trend of a role, for its page."""
    ranking = top_payers(role_id, limit=10)
    trend = role_trend(role_id)
    return RoleOflc(
        ranking=ranking if ranking.rows else None,
        ranking_chart=ranking_chart(ranking) if ranking.rows else None,
        trend=trend if trend.points else None,
        trend_chart=_trend_chart(trend) if trend.points else None,
    )
